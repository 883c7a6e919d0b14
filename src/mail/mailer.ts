/**
 * Sending mail: one interface, two transports. With SMTP_URL the mail goes to that server
 * through nodemailer; without it the mail only lands in the `outbox` table (the development
 * outbox, read with `algoritmeregister mail outbox`) and nothing leaves the machine. Either
 * way every mail is journalled in `outbox` (with `sent_at` or `error` for SMTP) and logged in
 * one line, so an operator can see what went out and what failed.
 */
import { createRequire } from 'node:module';
import type NodemailerModule from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A one-click unsubscribe address: sent as List-Unsubscribe with List-Unsubscribe-Post
   * (RFC 2369, RFC 8058) where the transport carries headers (SMTP; not the outbox).
   */
  unsubscribeUrl?: string;
}

export interface Mailer {
  /** Sends (or, without SMTP, stores) one mail; rejects when the SMTP server refuses it. */
  send(mail: Mail): Promise<void>;
  /** 'smtp' when mail leaves the machine, 'outbox' when it is only stored. */
  readonly kind: 'smtp' | 'outbox';
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** One line per mail; the register's logger, or stderr on the command line. */
  log?: (line: string) => void;
  /** A ready nodemailer transport instead of SMTP_URL (tests use a stream transport). */
  transport?: Transporter<unknown>;
}

/** An address as it may appear in a log: enough to recognise, not enough to harvest. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** nodemailer is loaded only when mail goes out by SMTP: the outbox alone does not need it in memory. */
const loadNodemailer = () => createRequire(import.meta.url)('nodemailer') as typeof NodemailerModule;

export function createMailer(db: Kysely<Database>, opts: MailerOptions): Mailer {
  const transport = opts.transport ?? (opts.smtpUrl ? loadNodemailer().createTransport(opts.smtpUrl) : undefined);
  const log = opts.log ?? (() => {});

  async function record(mail: Mail): Promise<number> {
    const row = await db
      .insertInto('outbox')
      .values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null, created_at: new Date().toISOString(), sent_at: null, error: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  if (!transport) {
    return {
      kind: 'outbox',
      async send(mail) {
        const id = await record(mail);
        log(`mail #${id} to ${maskAddress(mail.to)} "${mail.subject}": stored in the development outbox, not sent (no SMTP_URL)`);
      },
    };
  }

  return {
    kind: 'smtp',
    async send(mail) {
      const id = await record(mail);
      try {
        await transport.sendMail({
          from: opts.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.unsubscribeUrl
            ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : undefined,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db.updateTable('outbox').set({ error: message.slice(0, 2000) }).where('id', '=', id).execute();
        log(`mail #${id} to ${maskAddress(mail.to)} "${mail.subject}": not sent: ${message}`);
        throw error;
      }
      await db.updateTable('outbox').set({ sent_at: new Date().toISOString() }).where('id', '=', id).execute();
      log(`mail #${id} to ${maskAddress(mail.to)} "${mail.subject}": sent`);
    },
  };
}

/** The newest mails of the outbox, newest first. */
export async function listOutbox(db: Kysely<Database>, limit = 20) {
  return db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
