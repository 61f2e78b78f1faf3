// Every error code a caller can meet, with its HTTP status: the one list the server throws from and the
// renderer narrows on (it imports the ErrorCode type). A new refusal adds its code here first.

export const ERROR_STATUS = {
  // Input: the request or a field of it is wrong.
  backup_output_invalid: 400,
  backup_passphrase_invalid: 400,
  ceremony_expired: 400,
  picture_unreadable: 400,
  invalid_input: 400,
  invalid_json: 400,
  invalid_lifetime: 400,
  new_encryption_key_invalid: 400,
  provisioning_invalid: 400,
  provisioning_unreadable: 400,
  import_source_invalid: 400,
  request_incomplete: 400,
  restore_damaged: 400,
  restore_passphrase_needed: 400,
  restore_unknown_format: 400,
  restore_unreadable: 400,
  restore_wrong_passphrase: 400,
  forward_auth_headers_missing: 400,
  forward_auth_ambiguous_path: 400,
  forward_auth_code_invalid: 400,
  tls_file_not_regular: 400,
  tls_file_too_large: 400,
  tls_file_unreadable: 400,
  tls_files_invalid: 400,
  tls_incomplete: 400,
  body_too_large: 413,
  picture_too_large: 413,
  unsupported_media_type: 415,
  picture_type_unsupported: 415,

  // Who is asking: not signed in, or signed in without the right to.
  email_code_invalid: 401,
  invalid_api_key: 401,
  not_signed_in: 401,
  passkey_failed: 401,
  passkey_possibly_copied: 401,
  passkey_signature_invalid: 401,
  passkey_unsupported: 401,
  passkey_user_unverified: 401,
  passkey_wrong_site: 401,
  recovery_code_invalid: 401,
  unknown_passkey: 401,
  cross_origin: 403,
  email_codes_off: 403,
  forbidden: 403,
  username_change_off: 403,
  forward_auth_forbidden: 403,
  forward_auth_unknown_app: 403,
  forward_auth_untrusted_proxy: 403,
  reauthentication_required: 403,
  rate_limited: 429,

  // What is asked for: missing, gone, or in a state that refuses it.
  not_found: 404,
  unknown_operation: 404,
  other_device_code_invalid: 404,
  other_device_request_unknown: 404,
  unknown_user: 404,
  method_not_allowed: 405,
  account_disabled: 409,
  already_set_up: 409,
  backup_cannot_write: 409,
  backup_key_missing: 409,
  backup_no_database: 409,
  bind_address_unavailable: 409,
  client_exists: 409,
  import_refused: 409,
  confirmation_required: 409,
  group_in_use: 409,
  host_taken: 409,
  last_admin: 409,
  name_taken: 409,
  other_device_code_used: 409,
  other_device_not_approved: 409,
  passkey_exists: 409,
  port_in_use: 409,
  port_not_allowed: 409,
  public_client: 409,
  restore_cannot_write: 409,
  restore_key_conflict: 409,
  restore_key_missing: 409,
  restore_newer_schema: 409,
  restore_not_empty: 409,
  restore_wrong_key: 409,
  server_running: 409,
  self_lockout: 409,
  set_at_startup: 409,
  setup_done: 409,
  signing_key_rotation_under_way: 409,
  too_many: 409,
  username_taken: 409,
  encryption_key_mismatch: 409,
  encryption_key_rotation_no_data: 409,
  email_taken: 409,
  email_provisioned: 409,
  profile_provisioned: 409,
  email_not_configured: 409,
  email_missing: 409,
  wrong_step: 409,
  interaction_expired: 410,
  link_invalid: 410,

  // Gatehouse itself: a fault of its own, or a part it needs is not there.
  server_error: 500,
  email_not_sent: 502,
  keychain_refused: 503,
  keychain_unavailable: 503,
  server_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The few codes that are met with a second status in one situation, kept as they were when the catalogue
 * was made: tests and clients see both, and the code names the same trouble either way.
 */
export const SECOND_STATUS = {
  /** Refusing the person's own passkey sign-in; elsewhere it is a conflict with the account's state. */
  account_disabled: 403,
  /** A link too incomplete to look up; elsewhere the link is gone (used or expired). */
  link_invalid: 400,
  /** A sign-in's return URL that is no protected app's; elsewhere the proxy asked about an unknown host. */
  forward_auth_unknown_app: 400,
  // Registering a passkey, by someone already signed in, is bad input; signing in with one is unauthenticated.
  passkey_failed: 400,
  passkey_possibly_copied: 400,
  passkey_signature_invalid: 400,
  passkey_unsupported: 400,
  passkey_user_unverified: 400,
  passkey_wrong_site: 400,
} as const satisfies { [Code in ErrorCode]?: number };

export type SecondStatusCode = keyof typeof SECOND_STATUS;
