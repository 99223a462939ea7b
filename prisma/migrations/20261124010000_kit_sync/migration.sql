-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "tenantId" VARCHAR(64) NOT NULL,
    "tenantCode" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "domainName" VARCHAR(255) NOT NULL,
    "instanceId" VARCHAR(64),
    "orderId" VARCHAR(64),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "tenantId" VARCHAR(64) NOT NULL,
    "appId" VARCHAR(64) NOT NULL,
    "instanceId" VARCHAR(64),
    "clientId" VARCHAR(64) NOT NULL,
    "clientSecretEnc" TEXT NOT NULL,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantUser" (
    "id" UUID NOT NULL,
    "tenantId" VARCHAR(64) NOT NULL,
    "userName" VARCHAR(64) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "orgCode" VARCHAR(64) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" VARCHAR(64),
    "employeeCode" VARCHAR(64),
    "employeeType" INTEGER,
    "mobile" VARCHAR(32),
    "email" VARCHAR(128),
    "workPlace" VARCHAR(255),
    "entryDate" VARCHAR(32),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "TenantUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserAppGrant" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "appId" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserAppGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "tenantId" VARCHAR(64) NOT NULL,
    "orgCode" VARCHAR(64) NOT NULL,
    "orgName" VARCHAR(128) NOT NULL,
    "parentCode" VARCHAR(64),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_tenantId_key" ON "Tenant"("tenantId");

-- CreateIndex
CREATE INDEX "Tenant_instanceId_idx" ON "Tenant"("instanceId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_appId_key" ON "Application"("tenantId", "appId");

-- CreateIndex
CREATE UNIQUE INDEX "TenantUser_tenantId_userName_key" ON "TenantUser"("tenantId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "UserAppGrant_userId_appId_key" ON "UserAppGrant"("userId", "appId");

-- CreateIndex
CREATE UNIQUE INDEX "Department_tenantId_orgCode_key" ON "Department"("tenantId", "orgCode");

-- AddForeignKey
ALTER TABLE "UserAppGrant" ADD CONSTRAINT "UserAppGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "TenantUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
