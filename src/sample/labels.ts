/**
 * The phantom's label values, shared by the painters and the public API. The layout
 * follows HipMRI-style multi-class pelvic label maps, with the prostate on top.
 */

/** Label values of the phantom's multi-class label map. */
export const LABEL = {
  background: 0,
  body: 1,
  bone: 2,
  bladder: 3,
  rectum: 4,
  prostate: 5,
} as const;

export type PhantomLabelValue = (typeof LABEL)[keyof typeof LABEL];

/** Display name and a suggested RGB overlay colour for one label value. */
export interface PhantomLabelInfo {
  name: string;
  color: [number, number, number];
}

/** Label value -> name and suggested colour. Prostate wins where structures overlap. */
export const PHANTOM_LABELS: Readonly<Record<PhantomLabelValue, PhantomLabelInfo>> = {
  0: { name: 'background', color: [0, 0, 0] },
  1: { name: 'body', color: [120, 120, 120] },
  2: { name: 'bone', color: [240, 230, 200] },
  3: { name: 'bladder', color: [70, 140, 255] },
  4: { name: 'rectum', color: [170, 110, 60] },
  5: { name: 'prostate', color: [255, 210, 0] },
};

/** The label value of the prostate, the structure the studio segments by default. */
export const PHANTOM_PROSTATE_VALUE = LABEL.prostate;
