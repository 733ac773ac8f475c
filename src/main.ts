import { existsSync } from 'node:fs';
import { ConfigType } from '@nestjs/config';
import { createApp } from './bootstrap';
import { appConfig } from './config/configuration';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const app = await createApp();
  const { port } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.listen(port, '0.0.0.0');
  console.log(
    `Folio listening on http://localhost:${port}/api (Swagger UI at http://localhost:${port}/docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
