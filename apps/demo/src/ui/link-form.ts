import { getInitializer } from '@initlab/initializers';
import { ConfigError, parseExperiment } from '@initlab/trainer';
import { ACTIVATIONS, CUSTOM, type ExperimentForm } from './form';
import { decodeRow, encodeRow, FIELDS, type FieldName, type Link, type Settings } from './permalink';

/** A value of a link that the page could not take: which setting, and what the user should know. */
export interface LinkProblem {
  key: 'preset' | 'runs' | 'backend' | FieldName;
  message: string;
}

function fieldElement(name: FieldName): HTMLInputElement | HTMLSelectElement {
  return document.getElementById(FIELDS[name]) as HTMLInputElement | HTMLSelectElement;
}

function optionValues(select: HTMLSelectElement): string[] {
  return [...select.options].map((option) => option.value);
}

function messageOf(error: unknown): string {
  if (error instanceof ConfigError) return error.issues.map((issue) => issue.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** What the form and the backend switch hold now, as a link carries it. */
export function currentSettings(form: ExperimentForm, backend: HTMLSelectElement): Settings {
  const value = (name: FieldName) => fieldElement(name).value;
  return {
    preset: form.presetName(),
    runs: form.runRows(),
    hidden: value('hidden'),
    optimizer: value('optimizer'),
    lr: value('lr'),
    batch: value('batch'),
    iterations: value('iterations'),
    every: value('every'),
    seeds: value('seeds'),
    backend: backend.value,
  };
}

/** Why a link's `raw` cannot go into `element`, judged by the element alone (options, number, range). */
function elementProblem(element: HTMLInputElement | HTMLSelectElement, raw: string): string | undefined {
  if (element instanceof HTMLSelectElement) {
    return optionValues(element).includes(raw)
      ? undefined
      : `is unknown: give one of ${optionValues(element).join(', ')}`;
  }
  if (element.value !== raw) return 'is not a number';
  if (element.validity.stepMismatch) return 'is not a whole number';
  if (!element.validity.valid) {
    const range = [element.min && `≥ ${element.min}`, element.max && `≤ ${element.max}`].filter(Boolean).join(' and ');
    return `is out of range: give a number ${range}`;
  }
  return undefined;
}

/** The runs of a link, each checked: a known activation, and initializer parameters its schema accepts. */
function linkRows(encoded: string[]) {
  const rows = encoded.map(decodeRow);
  for (const [index, row] of rows.entries()) {
    if (!ACTIVATIONS.includes(row.activation)) {
      throw new Error(
        `run ${index + 1}: unknown activation '${row.activation}' (give one of ${ACTIVATIONS.join(', ')})`,
      );
    }
    try {
      const resolved = getInitializer({ name: row.initializer, ...row.params });
      row.params = { ...resolved.params };
    } catch (error) {
      throw new Error(`run ${index + 1}: ${messageOf(error)}`);
    }
  }
  return rows;
}

/**
 * Puts a link's settings into the form and the backend switch, one at a time: the preset first, then the runs,
 * the comparison's fields, run length and seeds. Each value is checked as the form reads it and then by the
 * trainer's `parseExperiment`; a value either fails keeps the field's default and comes back as a problem.
 */
export function applyLink(
  link: Link,
  form: ExperimentForm,
  backend: HTMLSelectElement,
  presets: readonly string[],
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const preset = link.values.preset;
  if (preset !== undefined) {
    if ([...presets, CUSTOM].includes(preset)) form.selectPreset(preset);
    else problems.push({ key: 'preset', message: `'${preset}' is unknown: give one of ${presets.join(', ')}` });
  }
  if (link.runs.length > 0) {
    try {
      const rows = linkRows(link.runs);
      if (rows.map(encodeRow).join('&') !== form.runRows().map(encodeRow).join('&')) form.setRows(rows);
    } catch (error) {
      problems.push({ key: 'runs', message: messageOf(error) });
    }
  }
  for (const name of Object.keys(FIELDS) as FieldName[]) {
    const raw = link.values[name];
    const element = fieldElement(name);
    if (raw === undefined || raw === element.value) continue;
    const before = { value: element.value, preset: form.presetName() };
    element.value = raw;
    let problem = elementProblem(element, raw);
    if (problem === undefined) {
      // As if typed: a comparison field turns the preset into a custom comparison, iterations rescale "every".
      element.dispatchEvent(new Event('input', { bubbles: true }));
      try {
        parseExperiment(form.build());
      } catch (error) {
        problem = `is not valid: ${messageOf(error)}`;
      }
    }
    if (problem === undefined) continue;
    problems.push({ key: name, message: `'${raw}' ${problem}` });
    if (form.presetName() !== before.preset) form.selectPreset(before.preset);
    element.value = before.value;
  }
  const choice = link.values.backend;
  if (choice !== undefined) {
    if (optionValues(backend).includes(choice)) backend.value = choice;
    else
      problems.push({
        key: 'backend',
        message: `'${choice}' is unknown: give one of ${optionValues(backend).join(', ')}`,
      });
  }
  return problems;
}

/** Where a problem's message goes: beside its field, inside the field's box. */
function anchorOf(key: LinkProblem['key']): { box: HTMLElement; control: HTMLElement } {
  const control =
    key === 'preset'
      ? document.getElementById('preset')!
      : key === 'runs'
        ? document.getElementById('initializer-list')!
        : key === 'backend'
          ? document.getElementById('backend-choice')!
          : fieldElement(key);
  // The backend's note takes a line of the header of its own, below the switch.
  const box = (control.closest('.field, .top, fieldset') as HTMLElement | null) ?? control.parentElement!;
  return { box, control };
}

/** Shows each problem beside its field, with the default the field kept; it goes once the field is edited. */
export function showLinkProblems(problems: readonly LinkProblem[]): void {
  for (const { key, message } of problems) {
    const { box, control } = anchorOf(key);
    const note = document.createElement('p');
    note.className = 'link-problem';
    note.id = `link-problem-${key}`;
    note.dataset.linkProblem = key;
    const kept = key === 'runs' ? 'the preset’s runs' : `'${(control as HTMLInputElement).value}'`;
    note.textContent = `From the link, ${key}: ${message} — using ${kept} instead.`;
    box.append(note);
    control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
    control.setAttribute('aria-invalid', 'true');
    const clear = () => {
      note.remove();
      control.removeAttribute('aria-invalid');
    };
    control.addEventListener('input', clear, { once: true });
    control.addEventListener('change', clear, { once: true });
  }
}
