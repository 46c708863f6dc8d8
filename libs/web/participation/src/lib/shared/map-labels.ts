import { computed, inject, Signal } from '@angular/core';
import { MessageKey, Translator } from '@stadtdialog/web/data-access';
import { LayerSwitcherLabels, ProcedureMapLabels } from '@stadtdialog/web/map';

/** The map's texts in the current language; call in an injection context. */
export function mapLabels(name: MessageKey = 'procedure.mapLabel'): Signal<ProcedureMapLabels> {
  const translator = inject(Translator);
  return computed(() => ({
    map: translator.translate(name),
    zoomIn: translator.translate('map.zoomIn'),
    zoomOut: translator.translate('map.zoomOut'),
    attributions: translator.translate('map.attributions'),
  }));
}

export function layerSwitcherLabels(): Signal<LayerSwitcherLabels> {
  const translator = inject(Translator);
  return computed(() => ({
    heading: translator.translate('layers.heading'),
    baseLayers: translator.translate('layers.base'),
    noBaseLayer: translator.translate('layers.noBase'),
    overlays: translator.translate('layers.overlays'),
    opacity: translator.translate('layers.opacity'),
  }));
}
