/**
 * The chosen architecture's preset menu and fields, rendered from its registry definition:
 * whatever fields an architecture declares appear here, each with a visible label.
 */
import { useState } from 'react';
import { architecture, type ArchitectureSpec, type LooseField } from '../../ml/models';
import {
  matchingPreset,
  parseIntList,
  presetChoices,
  presetShape,
  withField,
} from './architecture-settings';

interface Props {
  value: ArchitectureSpec;
  onChange: (next: ArchitectureSpec) => void;
}

type Shape = Record<string, unknown>;

/** A comma-separated list of whole numbers; typed freely, taken when it parses. */
function IntListField(props: {
  id: string;
  field: Extract<LooseField, { kind: 'int-list' }>;
  value: readonly number[];
  onChange: (v: number[]) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? props.value.join(', ');
  const bad = draft !== null && parseIntList(draft, props.field) === null;
  return (
    <>
      <label htmlFor={props.id}>{props.field.label}</label>
      <input
        id={props.id}
        type="text"
        value={text}
        aria-invalid={bad}
        title={`${props.field.minLength}-${props.field.maxLength} whole numbers from ${props.field.min} to ${props.field.max}`}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseIntList(e.target.value, props.field);
          if (parsed) props.onChange(parsed);
        }}
        onBlur={() => setDraft(null)}
      />
    </>
  );
}

function Field({
  field,
  shape,
  set,
}: {
  field: LooseField;
  shape: Shape;
  set: (k: string, v: unknown) => void;
}) {
  const id = `ts-arch-${field.key}`;
  const value = shape[field.key];
  switch (field.kind) {
    case 'number':
      return (
        <>
          <label htmlFor={id}>{field.label}</label>
          <input
            id={id}
            type="number"
            min={field.min}
            max={field.max}
            step={field.step}
            value={Number(value ?? 0)}
            onChange={(e) => {
              const v = Number(e.target.value);
              const ok = Number.isFinite(v) && v >= field.min && v <= field.max;
              if (ok && (!field.integer || Number.isInteger(v))) set(field.key, v);
            }}
          />
        </>
      );
    case 'select': {
      const options = field.options;
      const numeric = typeof options[0]?.value === 'number';
      return (
        <>
          <label htmlFor={id}>{field.label}</label>
          <select
            id={id}
            value={String((value as string | number | undefined) ?? options[0]?.value)}
            onChange={(e) => set(field.key, numeric ? Number(e.target.value) : e.target.value)}
          >
            {options.map((o) => (
              <option key={String(o.value)} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      );
    }
    case 'check':
      return (
        <label className="check wide">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => set(field.key, e.target.checked)}
          />
          {field.label}
        </label>
      );
    case 'int-list':
      return (
        <IntListField
          id={id}
          field={field}
          value={(value as number[] | undefined) ?? []}
          onChange={(v) => set(field.key, v)}
        />
      );
  }
}

export function ArchitectureFields({ value, onChange }: Props) {
  const def = architecture(value.kind);
  const preset = matchingPreset(value);
  const fields = def.fields as unknown as readonly LooseField[];
  const set = (key: string, v: unknown) => onChange(withField(value, key, v));
  const reference = presetChoices(value.kind).find((p) => p.name === preset)?.reference;
  return (
    <>
      <label htmlFor="ts-preset" className="wide">
        Preset
      </label>
      <select
        id="ts-preset"
        className="wide"
        title={presetChoices(value.kind).find((p) => p.name === preset)?.label ?? 'Custom'}
        value={preset ?? 'custom'}
        onChange={(e) => {
          if (e.target.value !== 'custom') onChange(presetShape(value.kind, e.target.value));
        }}
      >
        {presetChoices(value.kind).map((p) => (
          <option key={p.name} value={p.name}>
            {p.label}
          </option>
        ))}
        {preset === null && <option value="custom">Custom</option>}
      </select>
      {reference && (
        // registry.test.ts builds every such preset and checks the count.
        <p className="muted wide arch-reference">
          {reference.source}: {reference.total.toLocaleString('en-US')} parameters; this preset
          builds exactly as many at the source&apos;s input and classes.
        </p>
      )}
      {fields.map((f) => (
        <Field key={f.key} field={f} shape={value as unknown as Shape} set={set} />
      ))}
    </>
  );
}
