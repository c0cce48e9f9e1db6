/**
 * The storage API's error answer: `{code, message}` with an HTTP status, which @forge/kvs turns into a
 * `ForgeKvsAPIError` carrying that code (node_modules/@forge/kvs/out/utils/error-handling.js).
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (status: number, code: string, message: string): never => {
  throw new KvsError(status, code, message);
};
