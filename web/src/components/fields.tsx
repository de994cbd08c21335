// Labelled form controls. Every input has a <label>; an error from the API (matched by
// its dotted `field` path) is shown under the control and linked with aria-describedby.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../api/client';
import { t } from '../i18n';
import { onCompositionEnd } from '../lib/ime';
import { checkNumeric, normalizeDigits, type NumericKind } from '../lib/numbers';

/** A stable DOM id for an API field path such as `needs[0].goal.indicator`. */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9_-]+/g, '-');
}

interface Common {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  class?: string;
}

function describedBy(name: string, errors: FieldErrors | undefined, hint: string | undefined): string | undefined {
  const ids: string[] = [];
  if (hint) ids.push(fieldId(name) + '-hint');
  if (errors?.[name]) ids.push(fieldId(name) + '-err');
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ name, label, required }: { name: string; label: string; required?: boolean }) {
  return (
    <label for={fieldId(name)}>
      {label}
      {required && <span class="req"> *<span class="sr-only">(必須 / required)</span></span>}
    </label>
  );
}

function Extra({ name, errors, hint }: { name: string; errors?: FieldErrors; hint?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={fieldId(name) + '-hint'}>
          {hint}
        </p>
      )}
      {errors?.[name] && (
        <p class="field-error" id={fieldId(name) + '-err'}>
          <span aria-hidden="true">⚠ </span>
          {errors[name]}
        </p>
      )}
    </>
  );
}

/**
 * A labelled input or textarea. `numeric` makes a number field the IME-safe way: a text input
 * with `inputmode="numeric"` (`type="tel"` for 'tel'), full-width digits and hyphens normalised
 * to ASCII once the composition ends, and anything else kept and refused with a message next to
 * the field (never dropped, as `type="number"` would). Never use `type="number"`.
 */
export function TextField(
  p: Common & {
    value: string | number | null | undefined;
    onValue: (v: string) => void;
    type?: 'text' | 'date' | 'month' | 'time' | 'datetime-local' | 'tel' | 'password' | 'search' | 'email' | 'url';
    numeric?: NumericKind;
    multiline?: boolean;
    rows?: number;
    autoComplete?: string;
    min?: string | number;
    max?: string | number;
    step?: string | number;
    maxLength?: number;
    inputMode?: 'numeric' | 'decimal' | 'text' | 'tel' | 'email' | 'url';
  },
) {
  let errors = p.errors;
  let numericProblem = false;
  if (p.numeric) {
    const { problem } = checkNumeric(String(p.value ?? ''), p.numeric);
    numericProblem = !!problem;
    if (problem && !errors?.[p.name]) errors = { ...errors, [p.name]: t(problem === 'integer' ? 'number.integer' : problem === 'decimal' ? 'number.decimal' : 'number.digits') };
  }
  const normalize = (v: string) => (p.numeric ? normalizeDigits(v) : v);
  const common = {
    id: fieldId(p.name),
    name: p.name,
    value: p.value ?? '',
    required: p.required,
    'aria-invalid': errors?.[p.name] ? ('true' as const) : undefined,
    'aria-describedby': describedBy(p.name, errors, p.hint),
    // a form is not submitted while this holds (lib/numbers.ts installNumericGuard)
    'data-numeric-invalid': numericProblem ? 'true' : undefined,
    // during an IME composition the text is passed on as typed; it is normalised when committed
    onInput: (e: Event) => {
      const v = (e.currentTarget as HTMLInputElement).value;
      p.onValue((e as InputEvent).isComposing ? v : normalize(v));
    },
    ...(p.numeric ? onCompositionEnd((e) => p.onValue(normalize((e.currentTarget as HTMLInputElement).value))) : {}),
    maxLength: p.maxLength,
  };
  const type = p.numeric ? (p.numeric === 'tel' ? 'tel' : 'text') : (p.type ?? 'text');
  const inputMode = p.inputMode ?? (p.numeric === 'decimal' ? 'decimal' : p.numeric && p.numeric !== 'tel' ? 'numeric' : undefined);
  return (
    <div class={'field ' + (p.class ?? '') + (errors?.[p.name] ? ' has-error' : '')}>
      <Label name={p.name} label={p.label} required={p.required} />
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 4} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={p.autoComplete ?? (p.numeric === 'tel' ? 'tel' : undefined)}
          min={p.min}
          max={p.max}
          step={p.step}
          inputMode={inputMode}
        />
      )}
      <Extra name={p.name} errors={errors} hint={p.hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(p: Common & { value: string; onValue: (v: string) => void; options: Option[] }) {
  return (
    <div class={'field ' + (p.class ?? '') + (p.errors?.[p.name] ? ' has-error' : '')}>
      <Label name={p.name} label={p.label} required={p.required} />
      <select
        id={fieldId(p.name)}
        name={p.name}
        value={p.value}
        required={p.required}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.errors, p.hint)}
        onChange={(e) => p.onValue((e.currentTarget as HTMLSelectElement).value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extra name={p.name} errors={p.errors} hint={p.hint} />
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset; the first control carries the field id. */
export function ChoiceGroup(
  p: Common & {
    multiple?: boolean;
    value: string | string[];
    onValue: (v: string | string[]) => void;
    options: Option[];
    inline?: boolean;
  },
) {
  const selected = Array.isArray(p.value) ? p.value : [p.value];
  const toggle = (v: string, checked: boolean) => {
    if (!p.multiple) return p.onValue(v);
    const next = checked ? [...selected.filter((x) => x !== v), v] : selected.filter((x) => x !== v);
    p.onValue(p.options.map((o) => o.value).filter((x) => next.includes(x)));
  };
  const err = p.errors?.[p.name];
  return (
    <fieldset
      class={'field choices ' + (p.inline ? 'inline ' : '') + (p.class ?? '') + (err ? ' has-error' : '')}
      aria-describedby={describedBy(p.name, p.errors, p.hint)}
    >
      <legend>
        {p.label}
        {p.required && <span class="req"> *<span class="sr-only">(必須 / required)</span></span>}
      </legend>
      <div class="choice-list">
        {p.options.map((o, i) => {
          const id = i === 0 ? fieldId(p.name) : fieldId(p.name) + '-' + i;
          return (
            <label key={o.value} class="choice" for={id}>
              <input
                id={id}
                type={p.multiple ? 'checkbox' : 'radio'}
                name={p.name}
                value={o.value}
                checked={selected.includes(o.value)}
                aria-invalid={err ? 'true' : undefined}
                onChange={(e) => toggle(o.value, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      <Extra name={p.name} errors={p.errors} hint={p.hint} />
    </fieldset>
  );
}

export function CheckboxField(p: Common & { checked: boolean; onValue: (v: boolean) => void }) {
  return (
    <div class={'field checkbox ' + (p.class ?? '') + (p.errors?.[p.name] ? ' has-error' : '')}>
      <input
        id={fieldId(p.name)}
        type="checkbox"
        name={p.name}
        checked={p.checked}
        aria-invalid={p.errors?.[p.name] ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.errors, p.hint)}
        onChange={(e) => p.onValue((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={fieldId(p.name)}>{p.label}</label>
      <Extra name={p.name} errors={p.errors} hint={p.hint} />
    </div>
  );
}

export function Section({ title, children, class: cls }: { title: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={'card ' + (cls ?? '')}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
