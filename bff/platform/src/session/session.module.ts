import type { AuditOutbox, BaseConfig, Bus, Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { PrincipalBuilder } from '../access/principals.ts';
import { IdentityRepository } from '../identity/identity.repository.ts';
import { IdentityService } from '../identity/identity.service.ts';
import { AuthAudit } from './auth.audit.ts';
import { MfaService } from './mfa.service.ts';
import { type SessionSettings, sessionSettings } from './session.config.ts';
import { SessionSignals } from './session.kv.ts';
import { type SessionParts, sessionAnswers, sessionRoutes } from './session.routes.ts';
import { SessionService } from './session.service.ts';
import { SignInService } from './signin.service.ts';

/** Sign-in, sessions and MFA, assembled for the platform's composition root. */
export async function startSessions(
  cfg: BaseConfig,
  ds: DataSource,
  bus: Bus,
  log: Logger,
  over: Partial<SessionSettings> = {},
  outbox?: AuditOutbox,
) {
  const settings = sessionSettings(cfg.ZY_INTERNAL_SECRET, process.env, over);
  const signals = await SessionSignals.open(bus);
  const audit = new AuthAudit(ds, bus, log, outbox);
  const identity = new IdentityService(new IdentityRepository(ds), settings, log);
  const mfa = new MfaService(ds, settings.mfaKey, settings.mfaIssuer);
  const sessions = new SessionService(ds, new PrincipalBuilder(ds), signals, settings, audit, log);
  const signIn = new SignInService(ds, identity, mfa, sessions, audit, settings);
  const parts: SessionParts = { sessions, signIn, mfa, identity };
  sessions.startSweeping();
  return {
    ...parts,
    settings,
    routes: sessionRoutes(parts),
    answers: sessionAnswers(parts),
    stop: () => sessions.stopSweeping(),
  };
}
