"""A real SMTP server for the tests (Debian's python3-aiosmtpd) on a free loopback port.

Takes one JSON argument: {"user": str, "password": str} to require AUTH (allowed without TLS, as a test
needs), {"refuseRecipients": [addresses]} to refuse those with 550, {"refuseAll": true} to refuse every
sender with 554, {"certFile": path, "keyFile": path} to offer STARTTLS with that certificate, {"slow": true} to
answer EHLO one "250-" line every 4 seconds, without end (a server too slow to finish a send). Prints {"port": n} once it listens, then one JSON line per message it accepted:
{"from": str, "to": [str], "data": base64 of the raw message}. Stops when its standard input closes.
"""

import asyncio
import base64
import itertools
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, syntax

options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
queue_ids = itertools.count(1)


def emit(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


class Sink:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if options.get("refuseAll"):
            return "554 5.7.1 Relay access denied"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = [a.lower() for a in options.get("refuseRecipients", [])]
        if address.lower() in refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        emit({"from": envelope.mail_from, "to": envelope.rcpt_tos, "data": base64.b64encode(envelope.original_content).decode()})
        return f"250 2.0.0 Ok: queued as TEST{next(queue_ids):04d}"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == options["user"] and auth_data.password.decode() == options["password"]
    return AuthResult(success=ok, handled=False)


class SlowSMTP(SMTP):
    """Answers EHLO with an endless list of extensions, one line every 4 seconds: each line comes well within
    a client's idle timeout, but the answer never ends."""

    @syntax("EHLO hostname")
    async def smtp_EHLO(self, hostname):
        for number in itertools.count(1):
            await self.push(f"250-SLOW{number}")
            await asyncio.sleep(4)


async def main():
    loop = asyncio.get_running_loop()
    requires_auth = "user" in options
    tls_context = None
    if "certFile" in options:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(options["certFile"], options["keyFile"])

    def factory():
        return (SlowSMTP if options.get("slow") else SMTP)(
            Sink(),
            hostname="smtp.test",
            auth_required=requires_auth,
            auth_require_tls=False,
            authenticator=authenticator if requires_auth else None,
            tls_context=tls_context,
        )

    server = await loop.create_server(factory, "127.0.0.1", 0)
    emit({"port": server.sockets[0].getsockname()[1]})
    # Runs until the test closes our standard input (or goes away).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    await server.wait_closed()


asyncio.run(main())
