export default async function globalTeardown(): Promise<void> {
  await globalThis.__SERAI_TEST_DB__?.stop();
}
