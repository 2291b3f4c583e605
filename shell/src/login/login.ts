import './login.css';
import type { Locale } from '@zhanye/contracts';
import { readLocale, writeLocale } from '../locale-storage.ts';
import { applyThemeVariables } from '../theme-vars.ts';
import { type LoginText, loginText } from './login.text.ts';
import { safeNext } from './safe-next.ts';
import type { SignInFailure } from './sign-in.ts';

type Messages = Partial<Record<'alert' | 'username' | 'password', string>>;
type Show = (t: LoginText) => Messages;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('login-form');
const username = byId<HTMLInputElement>('username');
const password = byId<HTMLInputElement>('password');
const submit = byId<HTMLButtonElement>('login-submit');
const alertBox = byId<HTMLDivElement>('login-error');
const localeSwitch = byId<HTMLButtonElement>('locale-switch');

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

function render(): void {
  const t = loginText[locale];
  document.documentElement.lang = locale;
  document.title = t.pageTitle;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t[el.dataset.i18n as keyof LoginText];
  }
  localeSwitch.textContent = t.switchTo;
  submit.textContent = busy ? t.submitting : t.submit;
  submit.disabled = busy;
  const m = show(t);
  alertBox.textContent = m.alert ?? '';
  alertBox.hidden = !m.alert;
  for (const input of [username, password]) {
    const message = m[input.name as 'username' | 'password'];
    byId(`${input.name}-error`).textContent = message ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
  }
}

/** Turns a failed sign-in into messages, rendered again in the other language on a switch. */
function messagesOf(failure: SignInFailure): Show {
  if (failure.status === 401) return (t) => ({ alert: t.badCredentials });
  if (failure.status === 429) return (t) => ({ alert: t.rateLimited });
  if (failure.status !== 400) return (t) => ({ alert: t.unavailable });
  const field = (t: LoginText, name: string) =>
    failure.fields[name]?.map((m) => (m === 'required' ? t.required : m)).join('; ');
  return (t) => {
    const m: Messages = { username: field(t, 'username'), password: field(t, 'password') };
    if (!m.username && !m.password) m.alert = t.badInput;
    return m;
  };
}

async function signIn(): Promise<void> {
  const input = { username: username.value.trim(), password: password.value };
  if (!input.username || !input.password) {
    show = (t) => ({
      username: input.username ? undefined : t.required,
      password: input.password ? undefined : t.required,
    });
    return render();
  }
  busy = true;
  show = () => ({});
  render();
  const failure = await loadClient().then(
    ({ signIn }) => signIn(input.username, input.password),
    (): SignInFailure => ({ status: 0, fields: {} }),
  );
  if (!failure) return location.replace(safeNext(location.search, location.origin));
  busy = false;
  show = messagesOf(failure);
  render();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!busy) void signIn();
});
localeSwitch.addEventListener('click', () => {
  locale = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  writeLocale(locale);
  render();
});

applyThemeVariables();
render();
window.addEventListener('load', () => setTimeout(() => void loadClient().catch(() => undefined), 0));
