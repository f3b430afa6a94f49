import { createServer } from "node:net";

export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(`port ${port} is already in use: stop whatever listens there, or start with another port, e.g. PORT=${port + 1} npm start`);
  }
}

/** Fails fast, before Java is spawned, when the port is taken. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
