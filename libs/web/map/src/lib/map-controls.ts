import { defaults as defaultControls } from 'ol/control/defaults';
import OlMap from 'ol/Map';

export interface MapControlLabels {
  zoomIn: string;
  zoomOut: string;
  attributions: string;
}

/** Zoom and attribution controls whose buttons ("+", "–", "i") have names that say what they do. */
export function resetMapControls(map: OlMap, labels: MapControlLabels): void {
  map.getControls().clear();
  map.getControls().extend(
    defaultControls({
      rotate: false,
      zoomOptions: { zoomInTipLabel: labels.zoomIn, zoomOutTipLabel: labels.zoomOut },
      attributionOptions: { tipLabel: labels.attributions },
    }).getArray(),
  );
  const viewport: HTMLElement | undefined = map.getViewport();
  const name = (selector: string, label: string) => viewport?.querySelector(selector)?.setAttribute('aria-label', label);
  name('.ol-zoom-in', labels.zoomIn);
  name('.ol-zoom-out', labels.zoomOut);
  name('.ol-attribution button', labels.attributions);
}
