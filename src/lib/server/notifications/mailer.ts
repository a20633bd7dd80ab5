// E-mail of 站内信 (issue 13.5) through a real SMTP server when SMTP_URL is set (nodemailer), e.g.
// smtp://user:pass@mail.example.gov.cn:587 or smtps://…:465. Unset: in-app messages only.
// Sending happens after the workflow's commit, from the notifications table (outbox): a mail server that is
// down or refuses never breaks or rolls back an action; the failure is logged and kept on the message.
import nodemailer, { type Transporter } from 'nodemailer';

let cached: { url: string; transport: Transporter } | null = null;

export const smtpUrl = () => process.env.SMTP_URL?.trim() || null;
export const mailConfigured = () => smtpUrl() !== null;

function transport(): Transporter | null {
  const url = smtpUrl();
  if (!url) return null;
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = {
      url,
      transport: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000
      })
    };
  }
  return cached.transport;
}

/** The sender: SMTP_FROM, e.g. "零增地平台 <noreply@zeroland.example.gov.cn>". */
export const mailFrom = () => process.env.SMTP_FROM?.trim() || '零增地认定平台 <noreply@zeroland.invalid>';

/** The address people reach the app at, for the link in the mail (PUBLIC_ORIGIN, else ORIGIN). */
export function appOrigin(): string | null {
  const o = process.env.PUBLIC_ORIGIN?.trim() || process.env.ORIGIN?.trim();
  return o ? o.replace(/\/$/, '') : null;
}

export async function sendMail(to: string, subject: string, text: string): Promise<void> {
  const t = transport();
  if (!t) throw new Error('SMTP_URL is not set');
  await t.sendMail({ from: mailFrom(), to, subject, text });
}

export function closeMailer() {
  cached?.transport.close();
  cached = null;
}
