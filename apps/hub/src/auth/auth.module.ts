import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyBootstrap } from './api-key-bootstrap';
import { AdminSessions } from '../admin/admin-sessions';

/** API keys: who may call /api/v1. The guard itself is installed globally by createHubApp. */
@Module({ providers: [ApiKeyAuthenticator, ApiKeyBootstrap, AdminSessions], exports: [ApiKeyAuthenticator, AdminSessions] })
export class AuthModule {}
