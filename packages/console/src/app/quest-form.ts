/**
 * The admin's quest editor. Inputs are named by their JSON path (`rewards/0/qty`), so the `field`
 * of a problem+json answer puts its message right under the input that caused it.
 */
import { ApiError } from "./api";
import { callAsUser } from "./authed-api";
import { h, region, replaceContent } from "./dom";
import {
  bodyOf,
  type FieldSpec,
  QUEST_FIELDS,
  type QuestFormValues,
  type RewardValue,
} from "./quest-fields";
import { announce, describeError } from "./status";

const MAX_REWARDS = 10;

/** What the form edits: a new quest, or an existing one by id at a version. */
export type EditTarget = { kind: "create" } | { kind: "update"; id: bigint; version: number };

const inputId = (name: string) => `quest-${name.replace(/\//g, "-")}`;

function errorSlot(name: string) {
  return h("p", { id: `${inputId(name)}-error`, class: "field-error", "data-error-for": name });
}

function control(spec: FieldSpec, value: string | boolean, disabled: boolean) {
  const common = {
    id: inputId(spec.name),
    name: spec.name,
    disabled,
    "aria-describedby": `${inputId(spec.name)}-error`,
  };
  switch (spec.kind) {
    case "checkbox":
      return h("input", { ...common, type: "checkbox", checked: value === true });
    case "textarea":
      return h("textarea", { ...common, rows: 2 }, String(value));
    case "select":
      return h(
        "select",
        common,
        ...(spec.options ?? []).map((option) =>
          h("option", { value: option, selected: option === value }, option),
        ),
      );
    case "number":
      return h("input", { ...common, type: "text", inputmode: "numeric", value: String(value) });
    case "text":
      return h("input", { ...common, type: "text", value: String(value) });
  }
}

function fieldRow(spec: FieldSpec, value: string | boolean, disabled: boolean) {
  const label = h("label", { for: inputId(spec.name) }, spec.label);
  const hint = spec.hint === undefined ? null : h("small", {}, spec.hint);
  const row =
    spec.kind === "checkbox"
      ? [control(spec, value, disabled), label]
      : [label, hint, control(spec, value, disabled)];
  return h("div", { class: `field ${spec.kind}` }, ...row, errorSlot(spec.name));
}

function rewardRow(reward: RewardValue, index: number, onRemove: () => void) {
  const item = `rewards/${index}/item`;
  const qty = `rewards/${index}/qty`;
  return h(
    "fieldset",
    { class: "reward-row" },
    h("legend", {}, `Reward ${index + 1}`),
    h("label", { for: inputId(item) }, "Item"),
    h("input", {
      id: inputId(item),
      name: item,
      value: reward.item,
      "aria-describedby": `${inputId(item)}-error`,
    }),
    errorSlot(item),
    h("label", { for: inputId(qty) }, "Quantity"),
    h("input", {
      id: inputId(qty),
      name: qty,
      inputmode: "numeric",
      value: reward.qty,
      "aria-describedby": `${inputId(qty)}-error`,
    }),
    errorSlot(qty),
    h("button", { type: "button", class: "secondary", onclick: onRemove }, "Remove reward"),
  );
}

/** The form's current values, read back from its inputs. */
function readForm(form: HTMLFormElement, rewardCount: number): QuestFormValues {
  const fields: QuestFormValues["fields"] = {};
  for (const spec of QUEST_FIELDS) {
    const input = form.elements.namedItem(spec.name);
    if (input instanceof HTMLInputElement && input.type === "checkbox")
      fields[spec.name] = input.checked;
    else if (
      input instanceof HTMLInputElement ||
      input instanceof HTMLSelectElement ||
      input instanceof HTMLTextAreaElement
    )
      fields[spec.name] = input.value;
  }
  const text = (name: string) => {
    const input = form.elements.namedItem(name);
    return input instanceof HTMLInputElement ? input.value : "";
  };
  const rewards = Array.from({ length: rewardCount }, (_, i) => ({
    item: text(`rewards/${i}/item`),
    qty: text(`rewards/${i}/qty`),
  }));
  return { fields, rewards };
}

/** Puts a problem's message under its field, or the nearest enclosing one (`rewards/0`→`rewards`). */
function showProblem(form: HTMLFormElement, error: unknown): void {
  const field = error instanceof ApiError ? error.field : undefined;
  const message = describeError(error);
  let path = field;
  while (path !== undefined && path !== "") {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    if (slot !== null) {
      slot.textContent = message;
      const input = form.elements.namedItem(path);
      if (input instanceof HTMLElement) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
      break;
    }
    path = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : undefined;
  }
  announce(field === undefined ? message : `${field}: ${message}`, "error");
}

function clearProblems(form: HTMLFormElement): void {
  for (const slot of form.querySelectorAll(".field-error")) slot.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]"))
    input.removeAttribute("aria-invalid");
}

async function save(target: EditTarget, values: QuestFormValues): Promise<void> {
  if (target.kind === "create") {
    await callAsUser("/api/v1/quest", { method: "POST", body: bodyOf(values, true) });
    return;
  }
  const body = { ...bodyOf(values, false), version: target.version };
  await callAsUser(`/api/v1/quest/${target.id}`, { method: "PUT", body });
}

/** Opens the editor in `#quest-editor` with `values`; `onDone` runs after a successful save. */
export function openQuestForm(
  target: EditTarget,
  values: QuestFormValues,
  onDone: () => void,
): void {
  const editor = region("quest-editor");
  let rewards = values.rewards;
  const creating = target.kind === "create";
  const redraw = (next: QuestFormValues) => openQuestForm(target, next, onDone);
  const form: HTMLFormElement = h(
    "form",
    {
      class: "card quest-form",
      novalidate: true,
      "aria-label": creating ? "New quest" : "Edit quest",
    },
    h("h3", {}, creating ? "New quest" : `Edit ${values.fields.name}`),
    ...QUEST_FIELDS.filter(
      (spec) => creating || spec.createOnly !== true || spec.name === "name",
    ).map((spec) =>
      fieldRow(spec, values.fields[spec.name] ?? "", !creating && spec.name === "name"),
    ),
    errorSlot("rewards"),
    ...rewards.map((reward, index) =>
      rewardRow(reward, index, () =>
        redraw({
          ...readForm(form, rewards.length),
          rewards: rewards.filter((_, i) => i !== index),
        }),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        disabled: rewards.length >= MAX_REWARDS,
        onclick: () => {
          const current = readForm(form, rewards.length);
          redraw({ ...current, rewards: [...current.rewards, { item: "", qty: "1" }] });
        },
      },
      "Add reward",
    ),
    h(
      "div",
      { class: "buttons" },
      h("button", { type: "submit" }, creating ? "Create quest" : "Save changes"),
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => replaceContent(editor) },
        "Cancel",
      ),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearProblems(form);
    const current = readForm(form, rewards.length);
    rewards = current.rewards;
    save(target, current).then(
      () => {
        announce(
          creating ? `Quest ${current.fields.name} created` : `Quest ${current.fields.name} saved`,
        );
        replaceContent(editor);
        onDone();
      },
      (error: unknown) => showProblem(form, error),
    );
  });
  replaceContent(editor, form);
}
