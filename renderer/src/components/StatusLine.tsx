/** What is happening right now ("Waiting for your passkey…"), announced politely. */
export function StatusLine({ message }: { message: string }) {
  return (
    <p role="status" className="status-line">
      {message}
    </p>
  );
}
