import './login.css';
import type { Locale } from '@zhanye/contracts';
import { readLocale, writeLocale } from '../locale-storage.ts';
import { lastUser, rememberUser } from '../session/last-user.ts';
import { applyThemeVariables } from '../theme-vars.ts';
import { type LoginText, loginText } from './login.text.ts';
import { nextAfterSignIn } from './safe-next.ts';
import type { SignInFailure, StepOutcome } from './sign-in.ts';

/**
 * The sign-in page, one step at a time: username and password; then, when due, a new password;
 * then a second factor (a TOTP code or a recovery code), or its enrolment when a role requires it
 * (QR code, confirming code, the recovery codes shown once). Each step's ticket comes from the
 * one before; nothing of it is stored in the browser beyond this page.
 */
type Step = 'credentials' | 'password' | 'mfa' | 'enrol' | 'codes';
type Field = 'alert' | 'username' | 'password' | 'newPassword' | 'confirmPassword' | 'code' | 'recoveryCode';
type Messages = Partial<Record<Field, string>>;
type Show = (t: LoginText) => Messages;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('login-form');
const username = byId<HTMLInputElement>('username');
const password = byId<HTMLInputElement>('password');
const submit = byId<HTMLButtonElement>('login-submit');
const passwordForm = byId<HTMLFormElement>('password-form');
const newPassword = byId<HTMLInputElement>('new-password');
const confirmPassword = byId<HTMLInputElement>('confirm-password');
const mfaForm = byId<HTMLFormElement>('mfa-form');
const code = byId<HTMLInputElement>('code');
const recoveryCode = byId<HTMLInputElement>('recovery-code');
const codeField = byId<HTMLElement>('code-field');
const recoveryField = byId<HTMLElement>('recovery-field');
const useRecovery = byId<HTMLButtonElement>('use-recovery');
const enrolQr = byId<HTMLImageElement>('enrol-qr');
const enrolSecret = byId<HTMLElement>('enrol-secret');
const codesList = byId<HTMLOListElement>('recovery-codes');
const codesDone = byId<HTMLButtonElement>('codes-done');
const subtitle = byId<HTMLParagraphElement>('step-subtitle');
const alertBox = byId<HTMLDivElement>('login-error');
const localeSwitch = byId<HTMLButtonElement>('locale-switch');
const inputs: Partial<Record<Field, HTMLInputElement>> = {
  username,
  password,
  newPassword,
  confirmPassword,
  code,
  recoveryCode,
};

/** The API client is fetched once the page is idle, well before anyone presses submit. */
let client: Promise<typeof import('./sign-in.ts')> | null = null;
const loadClient = () => {
  client ??= import('./sign-in.ts').catch((error: unknown) => {
    client = null;
    throw error;
  });
  return client;
};
let locale: Locale = readLocale();
let busy = false;
let show: Show = () => ({});
let step: Step = 'credentials';
let ticket = '';
let withRecovery = false;
/** Who signed in: a kept `next` opens only for the user whose page it was. */
let destination = '/';

const subtitles: Record<Step, (t: LoginText) => string> = {
  credentials: (t) => t.subtitle,
  password: (t) => t.passwordSubtitle,
  mfa: (t) => (withRecovery ? t.recoverySubtitle : t.mfaSubtitle),
  enrol: (t) => t.enrolSubtitle,
  codes: (t) => t.codesSubtitle,
};

function render(): void {
  const t = loginText[locale];
  document.documentElement.lang = locale;
  document.title = t.pageTitle;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t[el.dataset.i18n as keyof LoginText];
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-step]')) {
    el.hidden = !(el.dataset.step ?? '').split(' ').includes(step);
  }
  subtitle.textContent = subtitles[step](t);
  localeSwitch.textContent = t.switchTo;
  submit.textContent = busy ? t.submitting : t.submit;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')) b.disabled = busy;
  codeField.hidden = withRecovery;
  recoveryField.hidden = !withRecovery;
  useRecovery.hidden = step !== 'mfa';
  useRecovery.textContent = withRecovery ? t.useCode : t.useRecovery;
  const m = show(t);
  alertBox.textContent = m.alert ?? '';
  alertBox.hidden = !m.alert;
  for (const [name, input] of Object.entries(inputs) as [Field, HTMLInputElement][]) {
    const message = m[name];
    const hint = document.getElementById(`${name}-error`);
    if (hint) hint.textContent = message ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
  }
}

/** Turns a failed step into messages, rendered again in the other language on a switch. */
function messagesOf(failure: SignInFailure, fields: Field[], on401: (t: LoginText) => Messages): Show {
  if (failure.status === 401) return on401;
  if (failure.status === 429) return (t) => ({ alert: t.rateLimited });
  if (failure.status !== 400) return (t) => ({ alert: t.unavailable });
  const field = (t: LoginText, name: string) =>
    failure.fields[name]
      ?.map((m) =>
        m === 'required'
          ? t.required
          : m === 'six digits'
            ? t.sixDigits
            : /differ/.test(m)
              ? t.samePassword
              : locale === 'zh-CN' && name === 'newPassword'
                ? t.weakPassword
                : m,
      )
      .join('; ');
  return (t) => {
    const m: Messages = {};
    for (const f of fields) m[f] = field(t, f);
    if (fields.every((f) => !m[f])) m.alert = t.badInput;
    return m;
  };
}

function focusStep(): void {
  const first = {
    credentials: username,
    password: newPassword,
    mfa: withRecovery ? recoveryCode : code,
    enrol: code,
    codes: null,
  }[step];
  first?.focus();
}

/** Moves on after a step: the next step, the recovery codes, or into the workbench. */
async function proceed(outcome: StepOutcome, fields: Field[], on401: (t: LoginText) => Messages) {
  busy = false;
  if (outcome.kind === 'failed') {
    // an expired or used-up ticket: start again from the password
    if (outcome.failure.expired && step !== 'credentials') {
      step = 'credentials';
      show = (t) => ({ alert: t.expired });
      return render();
    }
    show = messagesOf(outcome.failure, fields, on401);
    return render();
  }
  show = () => ({});
  if (outcome.kind === 'done') {
    destination = nextAfterSignIn(location.search, location.origin, outcome.userId, lastUser());
    rememberUser(outcome.userId);
    if (outcome.recoveryCodes?.length) {
      step = 'codes';
      codesList.replaceChildren(
        ...outcome.recoveryCodes.map((c) => Object.assign(document.createElement('li'), { textContent: c })),
      );
      render();
      return codesDone.focus();
    }
    return location.replace(destination);
  }
  ticket = outcome.ticket;
  code.value = '';
  recoveryCode.value = '';
  if (outcome.kind === 'password') {
    step = 'password';
  } else if (outcome.enrol) {
    step = 'enrol';
    withRecovery = false;
    const setup = await loadClient().then((c) => c.startEnrolment(ticket));
    if ('secret' in setup) {
      enrolQr.src = setup.qrDataUrl;
      enrolQr.hidden = false;
      enrolSecret.textContent = setup.secret;
    } else {
      show = messagesOf(setup, [], (t) => ({ alert: t.expired }));
      step = 'credentials';
    }
  } else {
    step = 'mfa';
  }
  render();
  focusStep();
}

const unreachable = (): StepOutcome => ({ kind: 'failed', failure: { status: 0, fields: {} } });

async function run(fields: Field[], on401: (t: LoginText) => Messages, work: () => Promise<StepOutcome>) {
  busy = true;
  show = () => ({});
  render();
  await proceed(await work().catch(unreachable), fields, on401);
}

function signIn(): Promise<void> | void {
  const input = { username: username.value.trim(), password: password.value };
  if (!input.username || !input.password) {
    show = (t) => ({
      username: input.username ? undefined : t.required,
      password: input.password ? undefined : t.required,
    });
    return render();
  }
  return run(
    ['username', 'password'],
    (t) => ({ alert: t.badCredentials }),
    () => loadClient().then((c) => c.signIn(input.username, input.password)),
  );
}

function verify(): Promise<void> | void {
  const value = (withRecovery ? recoveryCode : code).value.trim();
  const name: Field = withRecovery ? 'recoveryCode' : 'code';
  if (!value || (!withRecovery && !/^\d{6}$/.test(value))) {
    show = (t) => ({ [name]: value ? t.sixDigits : t.required });
    return render();
  }
  return run(
    [name],
    (t) => ({ alert: t.badCode }),
    () =>
      loadClient().then((c) => c.verifyMfa(ticket, withRecovery ? { recoveryCode: value } : { code: value })),
  );
}

function choosePassword(): Promise<void> | void {
  const value = newPassword.value;
  if (!value || value !== confirmPassword.value) {
    show = (t) => ({
      newPassword: value ? undefined : t.required,
      confirmPassword: value ? t.mismatch : undefined,
    });
    return render();
  }
  return run(
    ['newPassword'],
    (t) => ({ alert: t.expired }),
    async () => {
      const outcome = await loadClient().then((c) => c.choosePassword(ticket, value));
      // the server names the field `password`; on this form it is the new one
      if (outcome.kind === 'failed' && outcome.failure.fields.password) {
        outcome.failure.fields = { newPassword: outcome.failure.fields.password };
      }
      return outcome;
    },
  );
}

const onSubmit = (action: () => Promise<void> | void) => (event: Event) => {
  event.preventDefault();
  if (!busy) void action();
};
form.addEventListener('submit', onSubmit(signIn));
mfaForm.addEventListener('submit', onSubmit(verify));
passwordForm.addEventListener('submit', onSubmit(choosePassword));
useRecovery.addEventListener('click', () => {
  withRecovery = !withRecovery;
  show = () => ({});
  render();
  focusStep();
});
codesDone.addEventListener('click', () => location.replace(destination));
localeSwitch.addEventListener('click', () => {
  locale = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  writeLocale(locale);
  render();
});

applyThemeVariables();
render();
window.addEventListener('load', () => setTimeout(() => void loadClient().catch(() => undefined), 0));
