/**
 * Editing helpers for the dataset table: the user's corrections to an automatic pairing.
 * Each returns a new result and leaves its input untouched; an edit that cannot apply
 * throws PairingEditError.
 */
import {
  byName,
  collator,
  freeChannel,
  guessChannel,
  PairingEditError,
  sortChannels,
  type CaseDraft,
  type PairingResult,
  type PairingRole,
} from './pairing';

function findCase(state: PairingResult, name: string): CaseDraft {
  const c = state.cases.find((x) => x.name === name);
  if (!c) throw new PairingEditError(`no case named "${name}"`);
  return c;
}

/** Where a file sits: in a case (with its role) or unassigned; null if unknown. */
export function locateFile(
  state: PairingResult,
  path: string,
): { caseName: string; role: PairingRole } | { caseName: null; role: null } | null {
  if (state.unassigned.includes(path)) return { caseName: null, role: null };
  for (const c of state.cases) {
    if (c.channels.some((ch) => ch.path === path)) return { caseName: c.name, role: 'image' };
    if (c.label === path) return { caseName: c.name, role: 'label' };
    if (c.extras.includes(path)) return { caseName: c.name, role: 'extra' };
  }
  return null;
}

/** The state without `path` anywhere. A case may be left without channels. */
function detach(state: PairingResult, path: string): PairingResult {
  if (!locateFile(state, path)) throw new PairingEditError(`no file ${path} in this dataset`);
  const cases = state.cases.map((c) => ({
    ...c,
    channels: c.channels.filter((ch) => ch.path !== path),
    label: c.label === path ? undefined : c.label,
    extras: c.extras.filter((e) => e !== path),
  }));
  return { ...state, cases, unassigned: state.unassigned.filter((p) => p !== path) };
}

/**
 * Makes `path` an image channel, the label or an extra file of case `caseName` (matched
 * regardless of letter case; created when new). A label it replaces becomes unassigned. `channel` defaults to the name's guess.
 * Cases left without any image stay, so that swapping an image and a label takes two
 * steps; {@link caseProblem} flags them.
 */
export function assignRole(
  state: PairingResult,
  path: string,
  role: PairingRole,
  caseName: string,
  channel?: string,
): PairingResult {
  const name = caseName.trim();
  if (!name) throw new PairingEditError('a case needs a name');
  const base = detach(state, path);
  const existing = base.cases.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const target: CaseDraft = existing ?? { name, channels: [], extras: [] };
  const unassigned = [...base.unassigned];
  let next: CaseDraft;
  if (role === 'image') {
    const ch = freeChannel(target.channels, channel?.trim() || guessChannel(path));
    next = { ...target, channels: sortChannels([...target.channels, { path, channel: ch }]) };
  } else if (role === 'label') {
    if (target.label) unassigned.push(target.label);
    next = { ...target, label: path };
  } else {
    next = { ...target, extras: [...target.extras, path] };
  }
  const cases = existing
    ? base.cases.map((c) => (c === existing ? next : c))
    : [...base.cases, next].sort(byName);
  return { ...base, cases, unassigned: unassigned.sort(collator.compare) };
}

/** Takes `path` out of its case and lists it as unassigned. */
export function unassignFile(state: PairingResult, path: string): PairingResult {
  const base = detach(state, path);
  return { ...base, unassigned: [...base.unassigned, path].sort(collator.compare) };
}

/** Removes a case; its files become unassigned, so they can be paired again. */
export function removeCase(state: PairingResult, name: string): PairingResult {
  const c = findCase(state, name);
  const freed = [...c.channels.map((ch) => ch.path), ...(c.label ? [c.label] : []), ...c.extras];
  return {
    ...state,
    cases: state.cases.filter((x) => x !== c),
    unassigned: [...state.unassigned, ...freed].sort(collator.compare),
  };
}

/** Renames a case; names are unique regardless of letter case. */
export function renameCase(state: PairingResult, from: string, to: string): PairingResult {
  const c = findCase(state, from);
  const name = to.trim();
  if (!name) throw new PairingEditError('a case needs a name');
  if (state.cases.some((x) => x !== c && x.name.toLowerCase() === name.toLowerCase())) {
    throw new PairingEditError(`a case named "${name}" already exists`);
  }
  return { ...state, cases: state.cases.map((x) => (x === c ? { ...x, name } : x)).sort(byName) };
}

/**
 * Moves every file of case `source` into case `target` (e.g. two sequences paired apart).
 * The target keeps its label; the source's label joins only if the target has none.
 */
export function mergeInto(state: PairingResult, source: string, target: string): PairingResult {
  const from = findCase(state, source);
  const into = findCase(state, target);
  if (from === into) throw new PairingEditError('a case cannot be merged into itself');
  const channels = [...into.channels];
  for (const ch of from.channels) {
    channels.push({ path: ch.path, channel: freeChannel(channels, ch.channel) });
  }
  const merged: CaseDraft = {
    ...into,
    channels: sortChannels(channels),
    label: into.label ?? from.label,
    extras: [...into.extras, ...from.extras],
  };
  const orphan = into.label && from.label ? [from.label] : [];
  return {
    ...state,
    cases: state.cases.filter((c) => c !== from).map((c) => (c === into ? merged : c)),
    unassigned: [...state.unassigned, ...orphan].sort(collator.compare),
  };
}

/** Why a case cannot be used yet, or undefined when it can. */
export function caseProblem(c: CaseDraft): string | undefined {
  return c.channels.length === 0 ? 'no image: mark one of its files as an image' : undefined;
}
