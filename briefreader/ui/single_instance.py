"""One window per data folder: a second launch hands its request to the running one.

Two windows on one data folder would each keep their own copy of the settings, history and
saved searches and overwrite each other's. So the first instance listens on a local socket (a
Unix domain socket or a Windows named pipe, never the network) named after its data folder; a
later launch sends it what it was asked to open and exits, and the running window comes to the
front and opens it. A socket left by a crashed instance is detected (nothing answers) and
replaced.

Signals: ``request_received(dict)`` on the running instance.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from briefreader.core.library import stable_key
from briefreader.paths import AppPaths

CONNECT_MS = 1000
MAX_REQUEST = 64 * 1024


def channel_name(paths: AppPaths) -> str:
    return f"briefreader-{stable_key(str(paths.data_dir))}"


def send_to_running(name: str, request: dict[str, object]) -> bool:
    """Deliver ``request`` to the instance listening on ``name``; False if there is none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(json.dumps(request).encode("utf-8") + b"\n")
    delivered = socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return delivered


class InstanceServer(QObject):
    request_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening, replacing a socket file a crashed instance left behind."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if b"\n" in buffer or len(buffer) > MAX_REQUEST:
                    self._deliver(bytes(buffer).split(b"\n", 1)[0])
                    socket.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)

    def _deliver(self, line: bytes) -> None:
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return  # not one of ours
        if isinstance(request, dict):
            self.request_received.emit(request)
