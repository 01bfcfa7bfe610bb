/** Injection token of the hub's pino logger. */
export const HUB_LOGGER = Symbol('HUB_LOGGER');
