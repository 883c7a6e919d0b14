/**
 * Errors of the domain. They carry a kind, not an HTTP status: each surface maps kinds to its
 * own wire shape (the delivery API to `Message` bodies, pages to messages at the field).
 */
export type RegisterErrorKind =
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'precondition_failed'
  | 'invalid';

export class RegisterError extends Error {
  constructor(
    readonly kind: RegisterErrorKind,
    /** Stable, machine-readable detail (the reference's `detail` strings where it has one). */
    readonly detail: string,
  ) {
    super(detail);
  }
}
