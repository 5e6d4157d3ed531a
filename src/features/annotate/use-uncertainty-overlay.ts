/**
 * The uncertainty map of the selected scan as a viewer overlay, in the Annotate workspace
 * after a ranking: why the scan was suggested, where the model is unsure.
 */
import { useMemo } from 'react';
import { useStudio } from '../../store';
import type { ViewerOverlay } from '../viewer/types';
import { uncertaintyMap } from './suggest';
import { uncertaintyColormap } from './uncertainty';

const COLORMAP = uncertaintyColormap();

export function useUncertaintyOverlay(caseName: string | undefined): ViewerOverlay | undefined {
  const annotating = useStudio((s) => s.annotating);
  const show = useStudio((s) => s.showUncertainty);
  // A new ranking brings new maps.
  const suggestions = useStudio((s) => s.suggestions);
  return useMemo(() => {
    const map = caseName && suggestions ? uncertaintyMap(caseName) : undefined;
    if (!annotating || !map) return undefined;
    return {
      id: 'uncertainty',
      label: 'Uncertainty',
      volume: map.volume,
      style: 'filled',
      color: COLORMAP[COLORMAP.length - 1].color,
      colormap: COLORMAP,
      opacity: 0.55,
      visible: show,
    };
  }, [annotating, caseName, show, suggestions]);
}
