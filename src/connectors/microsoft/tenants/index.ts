// The configured Microsoft tenants' shared clients: the sole entry point.
export { MicrosoftTenants } from './directory.js';
