/**
 * A tiny DOM builder. Text always goes through `textContent` (never `innerHTML`), so file names,
 * prompt text and model ids holding HTML or script show as text.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  text?: string;
  title?: string;
  role?: string;
  tabIndex?: number;
  hidden?: boolean;
  type?: string;
  value?: string;
  disabled?: boolean;
  checked?: boolean;
  /** Any aria-* / data-* / other attribute (set with setAttribute, values as text). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title !== undefined) el.title = props.title;
  if (props.role) el.setAttribute('role', props.role);
  if (props.tabIndex !== undefined) el.tabIndex = props.tabIndex;
  if (props.hidden) el.hidden = true;
  if (props.type !== undefined) el.setAttribute('type', props.type);
  if (props.value !== undefined) (el as unknown as HTMLInputElement).value = props.value;
  if (props.disabled) (el as unknown as HTMLButtonElement).disabled = true;
  if (props.checked) (el as unknown as HTMLInputElement).checked = true;
  if (props.attrs) {
    for (const [k, v] of Object.entries(props.attrs)) {
      if (v === null || v === undefined || v === false) continue;
      el.setAttribute(k, v === true ? 'true' : String(v));
    }
  }
  if (props.on) {
    for (const [k, fn] of Object.entries(props.on)) el.addEventListener(k, fn as EventListener);
  }
  if (props.text !== undefined) el.textContent = props.text;
  for (const c of children) append(el, c);
  return el;
}

export function append(el: Node, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
}

/** Replace all children of an element. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}

/** Set a select's options (value/label pairs as text), keeping the selection when it still exists. */
export function setOptions(select: HTMLSelectElement, options: Array<[string, string]>, value: string): void {
  const same =
    select.options.length === options.length && options.every(([v, l], i) => select.options[i]!.value === v && select.options[i]!.text === l);
  if (!same) {
    select.replaceChildren(...options.map(([v, l]) => {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = l;
      return o;
    }));
  }
  select.value = options.some(([v]) => v === value) ? value : (options[0]?.[0] ?? '');
}
