// The module type one pastes into Threat Response / XDR to add a graphsoc relay module: its
// configuration spec (the claims of the configuration token) and the relay's URL, as docs/relay.md
// describes and the Cisco seeds' module_type.json.sample define (reference/relay.md).

const SPECS: Record<string, { title: string; description: string; spec: unknown[]; capabilities: string[] }> =
  {
    'graph-security': {
      title: 'Microsoft Graph Security (graphsoc)',
      description: 'Defender alerts for observables, through graphsoc',
      spec: [
        { key: 'custom_tenant_id', type: 'string', label: 'Tenant ID', required: true },
        { key: 'custom_application_id', type: 'string', label: 'Application ID', required: true },
        { key: 'custom_client_secret', type: 'password', label: 'Client secret', required: true },
        { key: 'custom_CTR_ENTITIES_LIMIT', type: 'integer', label: 'Entities limit', required: false },
      ],
      capabilities: ['health', 'observe', 'deliberate', 'refer', 'respond', 'tiles'],
    },
  };

const DESCRIPTIONS: Record<string, string> = {
  health: 'Check health',
  observe: 'Observe',
  deliberate: 'Deliberate',
  refer: 'Refer',
  respond: 'Respond',
  tiles: 'Dashboard tiles',
};

/** The module type as pretty JSON; `url` is where Threat Response reaches the module. */
export function moduleDefinition(module: string, url: string): string {
  const s = SPECS[module] ?? {
    title: `${module} (graphsoc)`,
    description: `The ${module} relay module of graphsoc`,
    spec: [],
    capabilities: ['health', 'observe'],
  };
  return JSON.stringify(
    {
      title: s.title,
      default_name: s.title.replace(' (graphsoc)', ''),
      short_description: s.description,
      configuration_spec: s.spec,
      capabilities: s.capabilities.map((id) => ({ id, description: DESCRIPTIONS[id] ?? id })),
      properties: {
        url,
        'auth-type': 'configuration-token',
        'configuration-token-alg': 'RS256',
        custom_jwks_host: 'visibility.amp.cisco.com',
      },
      external_references: [],
    },
    null,
    2,
  );
}
