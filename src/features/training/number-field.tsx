/** A labelled number input of the settings grid; `accept` gets every finite value typed. */
export function numberField(
  id: string,
  label: string,
  value: number,
  attrs: { min: number; max?: number; step: number },
  accept: (v: number) => void,
) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        {...attrs}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) accept(v);
        }}
      />
    </>
  );
}
