/**
 * Every architecture the studio can train, in the order menus list them. Adding a network
 * is one folder under `src/ml/models/` exporting an {@link ArchitectureDef} plus one line
 * here; the Train panel, Compare, `npm run eval -- --model` and `npm run bench -- --models`
 * offer whatever this list holds, and the unions below follow it.
 */
import type { ArchitectureDef } from './architecture';
import { enet } from './enet';
import { dscnn } from './dscnn';
import { fcn } from './fcn';
import { fcdensenet } from './fcdensenet';
import { deeplabv3plus } from './deeplabv3plus';
import { unet } from './unet';
import { unet3d } from './unet3d';
import { fcdensenet3d } from './fcdensenet3d';

export const ARCHITECTURES = [
  unet,
  enet,
  dscnn,
  fcn,
  fcdensenet,
  deeplabv3plus,
  unet3d,
  fcdensenet3d,
] as const;

type Defs = (typeof ARCHITECTURES)[number];

/** The registered architecture names: 'unet', 'enet', ... */
export type ArchitectureKind = Defs['kind'];

/** The spec type of a definition. */
type SpecOf<D> = D extends ArchitectureDef<string, infer S> ? S : never;

/** Any registered architecture's configuration, discriminated by `kind`. */
export type ArchitectureSpec = SpecOf<Defs>;

/** Architecture names, in menu order. */
export const ARCHITECTURE_KINDS: readonly ArchitectureKind[] = ARCHITECTURES.map((d) => d.kind);

/** Whether `name` is a registered architecture. */
export function isArchitectureKind(name: string): name is ArchitectureKind {
  return (ARCHITECTURE_KINDS as readonly string[]).includes(name);
}

/** The definition of `kind`, typed loosely enough to call with any spec of that kind. */
export function architecture<K extends ArchitectureKind>(
  kind: K,
): ArchitectureDef<K, Extract<ArchitectureSpec, { kind: K }>> {
  const def = ARCHITECTURES.find((d) => d.kind === kind);
  if (!def) throw new Error(`unknown architecture '${kind}'`);
  return def as unknown as ArchitectureDef<K, Extract<ArchitectureSpec, { kind: K }>>;
}

/** The definition of `spec`'s kind. */
export function definitionOf(spec: ArchitectureSpec): ArchitectureDef<string, ArchitectureSpec> {
  return architecture(spec.kind);
}
