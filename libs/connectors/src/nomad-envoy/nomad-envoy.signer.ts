// Envoy and Pilot sit behind the same Nomad API gateway: one recipe, kept in the kernel.
export { nomadAuthHeaders as nomadEnvoyAuthHeaders } from '../kernel/nomad-auth-headers';
export type { NomadAuthInput, OutgoingRequest } from '../kernel/nomad-auth-headers';
