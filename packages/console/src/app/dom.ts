/** A few lines of DOM building instead of a framework: the console re-renders small regions. */
type Attributes = Record<string, string | number | boolean | undefined | EventListener>;
type Child = Node | string | number | null | undefined | false;

/** Creates an element; `on*` attributes become listeners, `false`/`undefined` ones are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  element.append(...children.filter(isShown).map((child) => (isNode(child) ? child : `${child}`)));
  return element;
}

const isShown = (child: Child): child is Node | string | number =>
  child !== null && child !== undefined && child !== false;

const isNode = (child: Node | string | number): child is Node => typeof child === "object";

/** Replaces everything inside `region` with `children`. */
export function replaceContent(region: Element, ...children: Child[]): void {
  region.replaceChildren(...children.filter(isShown).map((c) => (isNode(c) ? c : `${c}`)));
}

/** The element with this id; the page shell defines every region the console renders into. */
export function region(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}
