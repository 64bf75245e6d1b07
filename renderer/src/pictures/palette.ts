// The colours and marks the three pictures share, so a technology, a verdict or a stance looks the
// same in the network, on the timeline and in the matrix. Technology colours follow the Okabe–Ito
// palette (distinguishable with the common colour-vision deficiencies); every colour is paired
// with a second cue (a line style, a shape or a sign) so nothing is told by colour alone.
import type { ActorKind, DealStatus, Stance, Technology } from '../../../electron/schema/enums';
import type { Verdict } from '../../../electron/schema/inputs';

export const technologyColours: Record<Technology, string> = {
  lawful_intercept: '#0072B2',
  cctv: '#E69F00',
  facial_recognition: '#CC79A7',
  spyware: '#D55E00',
  dpi: '#009E73',
  biometrics: '#56B4E9',
  data_retention: '#8C7A00',
  other: '#7A7A7A',
};

export type RingStyle = 'solid' | 'dashed' | 'dotted' | 'double';

/** A deal's ring shows its weakest claim verdict: colour and line style say the same thing. */
export const verdictRings: Record<
  Verdict | 'none',
  { colour: string; style: RingStyle; width: number; words: string }
> = {
  corroborated: { colour: '#1A7F37', style: 'solid', width: 4, words: 'every claim corroborated' },
  single_source: { colour: '#B35900', style: 'dashed', width: 4, words: 'weakest claim single-source' },
  contested: { colour: '#CF222E', style: 'double', width: 6, words: 'weakest claim contested' },
  unsupported: { colour: '#57606A', style: 'dotted', width: 4, words: 'weakest claim unsupported' },
  none: { colour: '#AFB8C1', style: 'solid', width: 1, words: 'no claims yet' },
};

/** Cytoscape node shapes per actor kind; deals are always round rectangles. */
export const actorShapes: Record<ActorKind, 'ellipse' | 'hexagon' | 'diamond' | 'triangle' | 'barrel'> = {
  company: 'ellipse',
  government: 'hexagon',
  agency: 'diamond',
  person: 'triangle',
  organisation: 'barrel',
};

export const actorFill = '#E8EBEF';
export const actorBorder = '#57606A';

export const stanceSigns: Record<Stance, string> = {
  supports: '+',
  // U+2212 MINUS SIGN: the width of "+", unlike a hyphen.
  contradicts: '\u2212',
  context: '\u25CB',
};

export const stanceColours: Record<Stance, string> = {
  supports: '#1A7F37',
  contradicts: '#CF222E',
  context: '#57606A',
};

/** Deal status along rumoured → announced → signed → deployed, light to dark; cancelled is struck grey. */
export const statusColours: Record<DealStatus, string> = {
  rumoured: '#D0D7DE',
  announced: '#8C959F',
  signed: '#57606A',
  deployed: '#1F2328',
  cancelled: '#FFFFFF',
};
