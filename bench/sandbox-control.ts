/**
 * One call to the sandbox's control API over HTTP, as a test client makes it, answering the status
 * and body (a missing control call is an answer too: the benchmark reports what the sandbox lacks).
 * A fresh connection each time: a kept-alive one may be closed by the server between two phases.
 */
import { request as httpRequest } from 'node:http';
import type { Sandbox } from '../sandbox/server';

export function control(
  sandbox: Sandbox,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${sandbox.url}${path}`,
      { method, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          resolve({ status: response.statusCode ?? 500, json });
        });
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
