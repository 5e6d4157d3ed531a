/**
 * Reads the label tables that travel with segmentation data, so that structures are
 * named as their authors named them: a JSON sidecar (`{"1": "prostate"}` or
 * `{"labels": {...}}`), the MSD / nnU-Net `dataset.json`, ITK-SNAP label descriptions and
 * FreeSurfer-style colour lookup tables. Pure: text in, entries out.
 */
import type { Rgb } from '../viewer/types';

/** One named label value from a file; colours only where the file gives them. */
export interface FileLabel {
  value: number;
  name: string;
  color?: Rgb;
}

/** Names a label table may be stored under (others are not read as tables). */
const TABLE_FILE = /\.(json|txt|lut|ctbl|label|labels|csv|tsv)$/i;

export function mayHoldLabelTable(path: string): boolean {
  return TABLE_FILE.test(path);
}

/** Abbreviations public datasets use for structure names (MSD Task05: "PZ", "TZ"). */
const ABBREVIATIONS: Record<string, string> = {
  pz: 'peripheral zone',
  tz: 'transition zone',
  cz: 'central zone',
  afs: 'anterior fibromuscular stroma',
};

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return ABBREVIATIONS[trimmed.toLowerCase()] ?? trimmed;
}

function isValue(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function colorOf(v: unknown): Rgb | undefined {
  if (!Array.isArray(v) || v.length < 3) return undefined;
  const c = v.slice(0, 3).map(Number);
  if (!c.every((x) => Number.isFinite(x) && x >= 0 && x <= 255)) return undefined;
  // Some tables store 0-1 floats; scale them to bytes.
  const scale = c.every((x) => x <= 1) && c.some((x) => x > 0 && x < 1) ? 255 : 1;
  return [0, 1, 2].map((i) => Math.round(c[i] * scale)) as unknown as Rgb;
}

/** One JSON entry: `"1": "prostate"`, `"prostate": 1` (nnU-Net v2) or `"1": {name, color}`. */
function jsonEntry(key: string, v: unknown): FileLabel | null {
  if (/^\d+$/.test(key) && typeof v === 'string') return { value: Number(key), name: v };
  if (isValue(v) && !/^\d+$/.test(key)) return { value: v, name: key };
  if (/^\d+$/.test(key) && v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const name = o['name'] ?? o['label'];
    if (typeof name === 'string') return { value: Number(key), name, color: colorOf(o['color']) };
  }
  return null;
}

function fromJson(data: unknown): FileLabel[] {
  if (!data || typeof data !== 'object') return [];
  const root = data as Record<string, unknown>;
  const table = 'labels' in root ? root['labels'] : root;
  if (Array.isArray(table)) {
    return table.flatMap((item) => {
      const o = (item ?? {}) as Record<string, unknown>;
      const value = o['value'] ?? o['index'] ?? o['id'];
      const name = o['name'] ?? o['label'];
      return isValue(value) && typeof name === 'string'
        ? [{ value, name, color: colorOf(o['color']) }]
        : [];
    });
  }
  if (!table || typeof table !== 'object') return [];
  return Object.entries(table as Record<string, unknown>).flatMap(([k, v]) => {
    // nnU-Net v2's "ignore" marks voxels nobody labelled, not a structure.
    if (k.trim().toLowerCase() === 'ignore') return [];
    const e = jsonEntry(k.trim(), v);
    return e ? [e] : [];
  });
}

/** ITK-SNAP: `IDX  R G B  A  VIS MSH  "LABEL"` (A is a 0-1 float). */
const ITK_SNAP = /^(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[\d.]+\s+\d+\s+\d+\s+"([^"]*)"\s*$/;
/** FreeSurfer LUT: `No. Label-Name R G B A`. */
const FREESURFER = /^(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s*$/;
/** A plain list: `1 prostate`, `1: prostate`, `1,prostate`, `1=prostate`, tab separated. */
const PLAIN = /^(\d+)\s*(?:[:=,;\t]|\s)\s*([A-Za-z][\w\s/+()'-]*)$/;

function fromText(text: string): FileLabel[] {
  const out: FileLabel[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let m = ITK_SNAP.exec(line);
    if (m) {
      const color = [Number(m[2]), Number(m[3]), Number(m[4])] as const;
      out.push({ value: Number(m[1]), name: m[5], color });
      continue;
    }
    m = FREESURFER.exec(line);
    if (m) {
      const color = [Number(m[3]), Number(m[4]), Number(m[5])] as const;
      out.push({ value: Number(m[1]), name: m[2].replace(/[-_]/g, ' '), color });
      continue;
    }
    m = PLAIN.exec(line);
    if (m) {
      out.push({ value: Number(m[1]), name: m[2] });
      continue;
    }
    // A line of anything else means this is not a label table (a licence, a README).
    return [];
  }
  return out;
}

/**
 * The named, non-background label values of a table file; null when the text is not a
 * label table. Value 0 (background, "Clear Label", "Unknown") is left out: it is never
 * drawn. Names are trimmed and common abbreviations spelled out.
 */
export function parseLabelFile(text: string): FileLabel[] | null {
  const body = text.replace(/^\uFEFF/, '').trim();
  let entries: FileLabel[];
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      entries = fromJson(JSON.parse(body));
    } catch {
      return null;
    }
  } else {
    entries = fromText(body);
  }
  const seen = new Map<number, FileLabel>();
  for (const e of entries) {
    const name = cleanName(e.name);
    if (e.value === 0 || !name || e.value > 65535) continue;
    seen.set(
      e.value,
      e.color ? { value: e.value, name, color: e.color } : { value: e.value, name },
    );
  }
  return seen.size > 0 ? [...seen.values()].sort((a, b) => a.value - b.value) : null;
}
