/** A sample's value in Prometheus text (`name` with its labels, e.g. `hopso_http_responses_total{class="5xx"}`). */
export function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}
