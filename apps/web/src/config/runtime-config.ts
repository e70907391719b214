/** `/app-config.json`, served by the api next to the app (ADR 0005). */
export interface RuntimeConfig {
  authMode: 'dev' | 'oidc';
  demoUsers: { username: string; name: string; roles: string[]; roleLabels: string[] }[];
  oidc: { issuer: string; clientId: string; scope: string } | null;
  units: { id: string; name: string; parentId: string | null }[];
}

export async function fetchRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`app-config ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
