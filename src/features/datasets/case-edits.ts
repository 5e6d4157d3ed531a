/**
 * Applies the pairing editor's hand corrections to the studio's cases, keeping each
 * case's split; a case left without an image is dropped (its files stay loaded).
 */
import type { PairingRole } from './pairing';
import { assignRole } from './pairing-edits';
import type { StudyCase } from '../../store';

export type FileRole = PairingRole;

export function moveFile(
  cases: StudyCase[],
  path: string,
  role: FileRole,
  targetCase: string,
): StudyCase[] {
  const edited = assignRole({ cases, unassigned: [], problems: [] }, path, role, targetCase);
  const before = new Map(cases.map((c) => [c.name, c]));
  return edited.cases
    .filter((c) => c.channels.length > 0)
    .map((c) => ({
      name: c.name,
      channels: c.channels,
      label: c.label,
      extras: c.extras,
      split: before.get(c.name)?.split ?? 'train',
    }));
}
