/**
 * Each registered architecture's shape as the Train panel edits it: starting from the
 * architecture's default preset, switched to any of its presets, or changed field by
 * field (the preset menu then reads "Custom"). Pure, so the form and the configuration
 * builder share one definition and tests need no DOM.
 */
import {
  ARCHITECTURES,
  architecture,
  type LooseField,
  type ArchitectureKind,
  type ArchitectureSpec,
} from '../../ml/models';
import type { ReferenceParams } from '../../ml/models/architecture';

/** One shape per architecture, so switching models back and forth keeps the edits. */
export type NetworkShapes = { [K in ArchitectureKind]: Extract<ArchitectureSpec, { kind: K }> };

/** Every architecture at its default preset. */
export function defaultShapes(): NetworkShapes {
  return Object.fromEntries(
    ARCHITECTURES.map((d) => [d.kind, structuredClone(d.presets[d.defaultPreset].architecture)]),
  ) as NetworkShapes;
}

/** The presets of `kind` in menu order, with their labels. */
export function presetChoices(
  kind: ArchitectureKind,
): { name: string; label: string; reference?: ReferenceParams }[] {
  const presets = architecture(kind).presets as Record<
    string,
    { label: string; reference?: ReferenceParams }
  >;
  return Object.entries(presets).map(([name, p]) => ({
    name,
    label: p.label,
    ...(p.reference ? { reference: p.reference } : {}),
  }));
}

/** `kind`'s architecture as preset `name` defines it. */
export function presetShape<K extends ArchitectureKind>(kind: K, name: string): NetworkShapes[K] {
  const presets = architecture(kind).presets as unknown as Record<
    string,
    { architecture: NetworkShapes[K] }
  >;
  const p = presets[name];
  if (!p) throw new Error(`unknown preset ${name}`);
  return structuredClone(p.architecture);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The preset `shape` is exactly (optional fields left out count as their presets'), or null. */
export function matchingPreset(shape: ArchitectureSpec): string | null {
  const presets = architecture(shape.kind).presets as Record<string, { architecture: object }>;
  for (const [name, p] of Object.entries(presets)) {
    const keys = new Set([...Object.keys(p.architecture), ...Object.keys(shape)]);
    const same = [...keys].every((k) =>
      sameValue(
        (p.architecture as Record<string, unknown>)[k],
        (shape as unknown as Record<string, unknown>)[k],
      ),
    );
    if (same) return name;
  }
  return null;
}

/** `shape` with one field set to a value the form accepted. */
export function withField<S extends ArchitectureSpec>(shape: S, key: string, value: unknown): S {
  return { ...shape, [key]: value };
}

/** Parses an int-list field's text ("4, 5, 7"); null when it does not fit the field. */
export function parseIntList(
  text: string,
  field: Pick<Extract<LooseField, { kind: 'int-list' }>, 'min' | 'max' | 'minLength' | 'maxLength'>,
): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length < field.minLength || parts.length > field.maxLength) return null;
  const values = parts.map(Number);
  const ok = values.every((v) => Number.isInteger(v) && v >= field.min && v <= field.max);
  return ok ? values : null;
}
