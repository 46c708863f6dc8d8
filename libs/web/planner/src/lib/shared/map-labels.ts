import { computed, inject, Signal } from '@angular/core';
import { MessageKey, Translator } from '@stadtdialog/web/data-access';
import { ProcedureMapLabels } from '@stadtdialog/web/map';

/** The map's texts in the current language; call in an injection context. */
export function plannerMapLabels(name: MessageKey): Signal<ProcedureMapLabels> {
  const translator = inject(Translator);
  return computed(() => ({
    map: translator.translate(name),
    zoomIn: translator.translate('map.zoomIn'),
    zoomOut: translator.translate('map.zoomOut'),
    attributions: translator.translate('map.attributions'),
  }));
}
