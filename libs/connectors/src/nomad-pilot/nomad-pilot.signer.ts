// Envoy and Pilot sit behind the same Nomad API gateway: one recipe, kept in the kernel.
export { nomadAuthHeaders as nomadPilotAuthHeaders } from '../kernel/nomad-auth-headers';
export type { NomadAuthInput, OutgoingRequest } from '../kernel/nomad-auth-headers';
