// Prisma CLI configuration (Prisma 7 reads connection settings from here, not from schema.prisma).
// Only `prisma generate` is used in this project; migrations are applied by our own migrator
// (npm run db:migrate), which records `_prisma_migrations` exactly like `prisma migrate deploy`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
