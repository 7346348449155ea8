import { getInitializer, listInitializers, type AnyInitializerDefinition, type ParamSpec } from '@initlab/initializers';
import { listOptimizers } from '@initlab/optimizers';
import {
  isGroup,
  mergeRun,
  type Experiment,
  type ExperimentConfig,
  type RunConfig,
  type RunSpec,
} from '@initlab/trainer';

/** A preset as the form offers it. */
export interface PresetChoice {
  name: string;
  description: string;
  experiment: Experiment;
}

/** The value of the preset select that means "what the form says". */
export const CUSTOM = 'custom';

const CUSTOM_DESCRIPTION = 'A comparison of your own: one run per row, each trained once per seed.';

/** Activations the layers package builds (see `RunConfig.activation`). */
export const ACTIVATIONS = ['sigmoid', 'relu', 'tanh', 'leakyRelu', 'linear'];

/** Gives every parameter input a unique id for its label. */
let paramInputs = 0;

/** One compared run as the form holds it. */
export interface RunRow {
  initializer: string;
  params: Record<string, number | string>;
  activation: string;
}

function experimentsOf(experiment: Experiment): ExperimentConfig[] {
  return isGroup(experiment) ? experiment.experiments : [experiment];
}

function specOf(initializer: RunConfig['initializer'] | undefined): {
  name: string;
  params: Record<string, number | string>;
} {
  // A per-matrix list shows as its first entry: the form compares one initializer per run.
  const spec = Array.isArray(initializer) ? initializer[0] : initializer;
  if (spec === undefined) return { name: 'he', params: {} };
  const resolved = getInitializer(spec);
  return { name: resolved.name, params: { ...resolved.params } };
}

function parseIntegers(text: string, what: string, min: number): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.find((_part, i) => !Number.isSafeInteger(values[i]) || values[i] < min);
  if (parts.length === 0 || bad !== undefined) {
    throw new Error(`${what}: '${bad ?? text}' is not valid — give integers ≥ ${min}, separated by commas`);
  }
  return values;
}

function positiveInteger(input: HTMLInputElement, what: string): number {
  const value = Number(input.value);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${what}: '${input.value}' is not valid — give an integer ≥ 1`);
  return value;
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The experiment form: a preset, or a comparison built by hand (one row per initializer/activation pair),
 * plus run length and seeds. Editing the comparison turns the preset select to "custom".
 */
export class ExperimentForm {
  private readonly form: HTMLFormElement;
  private readonly preset: HTMLSelectElement;
  private readonly presetDescription: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly hiddenSizes: HTMLInputElement;
  private readonly optimizer: HTMLSelectElement;
  private readonly learningRate: HTMLInputElement;
  private readonly batchSize: HTMLInputElement;
  private readonly iterations: HTMLInputElement;
  private readonly evalEvery: HTMLInputElement;
  private readonly seeds: HTMLInputElement;
  private readonly error: HTMLElement;
  private presets: PresetChoice[] = [];
  /** True once the user set "Evaluate every" themselves: then iterations no longer rescale it. */
  private evalEveryTouched = false;

  constructor(form: HTMLFormElement) {
    this.form = form;
    const $ = <T extends HTMLElement>(selector: string) => form.querySelector<T>(selector)!;
    this.preset = $('#preset');
    this.presetDescription = $('#preset-description');
    this.rows = $('#initializer-list');
    this.hiddenSizes = $('#hidden-sizes');
    this.optimizer = $('#optimizer');
    this.learningRate = $('#learning-rate');
    this.batchSize = $('#batch-size');
    this.iterations = $('#iterations');
    this.evalEvery = $('#eval-every');
    this.seeds = $('#seeds');
    this.error = $('#form-error');

    this.optimizer.replaceChildren(...listOptimizers().map((info) => new Option(info.name, info.name)));
    this.optimizer.addEventListener('change', () => {
      const lr = listOptimizers().find((info) => info.name === this.optimizer.value)?.params.lr;
      if (lr) this.learningRate.value = String(lr.default);
    });
    this.preset.addEventListener('change', () => this.showPreset());
    $('#comparison').addEventListener('input', () => this.markCustom());
    this.evalEvery.addEventListener('input', () => (this.evalEveryTouched = true));
    this.iterations.addEventListener('input', () => {
      if (!this.evalEveryTouched) this.evalEvery.value = String(this.defaultEvalEvery());
    });
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'Add run';
    add.addEventListener('click', () => {
      const last = this.readRows().at(-1);
      this.addRow(last ?? { initializer: 'he', params: {}, activation: 'relu' })
        .querySelector('select')!
        .focus();
      this.markCustom();
    });
    this.rows.after(add);
  }

  /** Fills the preset select; shows the first preset. */
  setPresets(presets: PresetChoice[]): void {
    this.presets = presets;
    this.preset.replaceChildren(
      ...presets.map((p) => new Option(p.name, p.name)),
      new Option('custom comparison', CUSTOM),
    );
    this.preset.value = presets[0]?.name ?? CUSTOM;
    this.showPreset();
  }

  /** The experiment to run, or throws an Error whose message tells the user what to fix. */
  read(): Experiment {
    try {
      const experiment = this.build();
      this.error.hidden = true;
      return experiment;
    } catch (error) {
      this.error.textContent = (error as Error).message;
      this.error.hidden = false;
      throw error;
    }
  }

  /** The experiment the form describes, as `read` returns it, without showing an error. */
  build(): Experiment {
    return this.preset.value === CUSTOM ? this.custom() : this.presetWithOverrides();
  }

  /** The selected preset, or `custom`. */
  presetName(): string {
    return this.preset.value;
  }

  /** Shows preset `name` (a name `setPresets` offered, or `custom`) as if the user had picked it. */
  selectPreset(name: string): void {
    this.preset.value = name;
    this.showPreset();
  }

  /** The compared runs, as the rows show them. */
  runRows(): RunRow[] {
    return this.readRows();
  }

  /** Replaces the compared runs (the experiment turns custom). */
  setRows(rows: readonly RunRow[]): void {
    this.rows.replaceChildren();
    for (const row of rows) this.addRow(row);
    this.markCustom();
  }

  /** Enables or disables every input while a run is going (the link stays copyable). */
  setBusy(busy: boolean): void {
    for (const element of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      'input, select, button',
    )) {
      if (element.dataset.testid === 'stop' || element.closest('.share')) continue;
      element.disabled = busy;
    }
  }

  private defaultEvalEvery(): number {
    const iterations = Number(this.iterations.value);
    return Number.isFinite(iterations) && iterations > 0 ? Math.max(1, Math.round(iterations / 20)) : 50;
  }

  private markCustom(): void {
    if (this.preset.value === CUSTOM) return;
    this.preset.value = CUSTOM;
    this.presetDescription.textContent = CUSTOM_DESCRIPTION;
  }

  private showPreset(): void {
    const choice = this.presets.find((p) => p.name === this.preset.value);
    if (!choice) {
      this.presetDescription.textContent = CUSTOM_DESCRIPTION;
      return;
    }
    this.presetDescription.textContent = choice.description;
    const experiments = experimentsOf(choice.experiment);
    const first = experiments[0];
    const base = first.base;
    const runs = experiments.flatMap((e) => (e.runs ?? []).map((run) => mergeRun(e.base, run)));
    this.rows.replaceChildren();
    for (const run of runs) {
      const { name, params } = specOf(run.initializer);
      this.addRow({ initializer: name, params, activation: run.activation ?? 'relu' });
    }
    this.hiddenSizes.value = (base.hiddenSizes ?? runs[0]?.hiddenSizes ?? [100]).join(',');
    const optimizer = base.optimizer ?? runs[0]?.optimizer ?? { name: 'sgd', lr: 0.01 };
    const optimizerName = typeof optimizer === 'string' ? optimizer : optimizer.name;
    this.optimizer.value = optimizerName;
    const lr = typeof optimizer === 'string' ? undefined : optimizer.lr;
    this.learningRate.value = String(
      lr ?? listOptimizers().find((o) => o.name === optimizerName)?.params.lr?.default ?? 0.01,
    );
    this.batchSize.value = String(base.batchSize ?? 100);
    this.iterations.value = String(base.iterations ?? runs[0]?.iterations ?? 1);
    const every = base.evaluation?.every;
    this.evalEveryTouched = false;
    this.evalEvery.value = String(typeof every === 'number' ? every : this.defaultEvalEvery());
    this.seeds.value = first.seeds.join(',');
    const histogramOnly = experiments.every((e) => e.kind === 'histogram');
    this.iterations.disabled = histogramOnly;
    this.evalEvery.disabled = histogramOnly;
  }

  private presetWithOverrides(): Experiment {
    const choice = this.presets.find((p) => p.name === this.preset.value)!;
    const experiment = deepCopy(choice.experiment);
    const seeds = parseIntegers(this.seeds.value, 'Seeds', 0);
    for (const part of experimentsOf(experiment)) {
      part.seeds = seeds;
      if (part.kind === 'histogram') continue;
      const iterations = positiveInteger(this.iterations, 'Iterations');
      part.base.iterations = iterations;
      part.base.evaluation = { ...part.base.evaluation, every: positiveInteger(this.evalEvery, 'Evaluate every') };
      for (const run of part.runs ?? []) delete run.iterations;
    }
    return experiment;
  }

  private custom(): ExperimentConfig {
    const rows = this.readRows();
    if (rows.length === 0) throw new Error('Add at least one run to compare');
    const learningRate = Number(this.learningRate.value);
    if (!(learningRate > 0))
      throw new Error(`Learning rate: '${this.learningRate.value}' is not valid — give a number > 0`);
    const sameActivation = rows.every((row) => row.activation === rows[0].activation);
    const labels = new Set<string>();
    const runs: RunSpec[] = rows.map((row) => {
      const resolved = getInitializer({ name: row.initializer, ...row.params });
      let label = sameActivation ? resolved.label : `${resolved.label} + ${row.activation}`;
      for (let n = 2; labels.has(label); n++) label = `${resolved.label} + ${row.activation} #${n}`;
      labels.add(label);
      return { label, initializer: { name: resolved.name, ...resolved.params }, activation: row.activation };
    });
    return {
      name: CUSTOM,
      description: 'A comparison built in the demo',
      dataset: 'mnist',
      base: {
        hiddenSizes: parseIntegers(this.hiddenSizes.value, 'Hidden layer sizes', 1),
        optimizer: { name: this.optimizer.value, lr: learningRate },
        batchSize: positiveInteger(this.batchSize, 'Batch size'),
        iterations: positiveInteger(this.iterations, 'Iterations'),
        evaluation: { every: positiveInteger(this.evalEvery, 'Evaluate every') },
      },
      runs,
      seeds: parseIntegers(this.seeds.value, 'Seeds', 0),
    };
  }

  private readRows(): RunRow[] {
    return [...this.rows.querySelectorAll<HTMLElement>('.initializer')].map((element) => {
      const params: Record<string, number | string> = {};
      for (const input of element.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
        params[input.dataset.param!] = input.type === 'number' ? Number(input.value) : input.value;
      }
      return {
        initializer: element.querySelector<HTMLSelectElement>('select.initializer-name')!.value,
        params,
        activation: element.querySelector<HTMLSelectElement>('select.activation')!.value,
      };
    });
  }

  private addRow(row: RunRow): HTMLElement {
    const element = document.createElement('div');
    element.className = 'initializer';
    const number = this.rows.children.length + 1;
    const definitions = listInitializers();
    const name = this.select(
      definitions.map((d) => d.name),
      row.initializer,
      `Run ${number} initializer`,
      'initializer-name',
    );
    const activation = this.select(ACTIVATIONS, row.activation, `Run ${number} activation`, 'activation');
    const params = document.createElement('div');
    params.className = 'params';
    const showParams = (values: Record<string, number | string>) => {
      const definition = definitions.find((d) => d.name === name.value);
      params.replaceChildren(...(definition ? this.paramInputs(definition, values, number) : []));
      name.title = definition?.description ?? '';
    };
    name.addEventListener('change', () => showParams({}));
    showParams(row.params);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove run ${number}`);
    remove.addEventListener('click', () => {
      const next = (element.nextElementSibling ?? element.previousElementSibling)?.querySelector('select');
      element.remove();
      this.markCustom();
      (next ?? (this.rows.nextElementSibling as HTMLElement | null))?.focus();
    });
    element.append(name, activation, params, remove);
    this.rows.append(element);
    return element;
  }

  private select(options: string[], value: string, label: string, className: string): HTMLSelectElement {
    const select = document.createElement('select');
    select.className = className;
    select.setAttribute('aria-label', label);
    select.replaceChildren(...options.map((option) => new Option(option, option)));
    if (!options.includes(value)) select.append(new Option(value, value));
    select.value = value;
    return select;
  }

  private paramInputs(
    definition: AnyInitializerDefinition,
    values: Record<string, number | string>,
    run: number,
  ): HTMLElement[] {
    return Object.entries(definition.params as Record<string, ParamSpec>).map(([param, spec]) => {
      const wrapper = document.createElement('span');
      wrapper.className = 'param';
      const id = `param-${++paramInputs}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = param;
      label.title = spec.description;
      let input: HTMLInputElement | HTMLSelectElement;
      if (spec.type === 'enum') {
        input = this.select(
          [...spec.options],
          String(values[param] ?? spec.default),
          `${param} of run ${run}`,
          'param-value',
        );
      } else {
        input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        if (spec.min !== undefined) input.min = String(spec.min);
        if (spec.max !== undefined) input.max = String(spec.max);
        input.value = String(values[param] ?? spec.default);
      }
      input.id = id;
      input.dataset.param = param;
      input.title = spec.description;
      wrapper.append(label, input);
      return wrapper;
    });
  }
}
