/** A plain-text mail, as the outbox stores it until it is sent. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export function isMailMessage(value: unknown): value is MailMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { to, subject, text } = value as Record<string, unknown>;
  return typeof to === 'string' && typeof subject === 'string' && typeof text === 'string';
}
