/** Signing up, in, again and out. The form's values stay in the page for "Sign in again". */
import { region } from "./dom";
import { trackSession } from "./player-data";
import { closeSession, currentSession, openSession, type Session } from "./session";
import { announce, describeError } from "./status";

const form = () => region("sign-form") as HTMLFormElement;

function credentialsOf(target: HTMLFormElement) {
  const data = new FormData(target);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  return {
    tenant: text("tenant") || "default",
    credentials: { user_name: text("user_name"), password: String(data.get("password") ?? "") },
  };
}

/** Signs up or in with the form's values, then reports the session so its quests count it. */
async function signWith(kind: "signup" | "signin"): Promise<void> {
  const { tenant, credentials } = credentialsOf(form());
  try {
    const session = await openSession(kind, tenant, credentials);
    await trackSession(kind);
    announce(
      kind === "signup" ? `Welcome, ${session.userName}` : `Signed in as ${session.userName}`,
    );
  } catch (error) {
    announce(describeError(error), "error");
  }
}

/** A new sign-in needs the password: use the form's, or show the form when a reload emptied it. */
function signInAgain(): void {
  const { credentials } = credentialsOf(form());
  if (credentials.password === "") {
    form().hidden = false;
    region("password").focus();
    announce("Enter your password to sign in again");
    return;
  }
  void signWith("signin");
}

/** Shows the form or the session's buttons, and who is signed in. */
export function renderAccount(session: Session | null): void {
  form().hidden = session !== null;
  region("session-bar").hidden = session === null;
  region("who").textContent =
    session === null ? "Signed out" : `${session.userName} · tenant ${session.tenant}`;
}

/** Wires the account section's controls once. */
export function setUpAccount(): void {
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    const submitter = event.submitter as HTMLButtonElement | null;
    void signWith(submitter?.value === "signup" ? "signup" : "signin");
  });
  region("sign-in-again").addEventListener("click", signInAgain);
  region("sign-out").addEventListener("click", () => {
    void closeSession().then(() => announce("Signed out"));
  });
  const session = currentSession();
  if (session !== null)
    (form().elements.namedItem("tenant") as HTMLInputElement).value = session.tenant;
}
