-- AlterTable
ALTER TABLE "InstanceTransition" ADD COLUMN     "reasonCode" VARCHAR(32);

-- AlterTable
ALTER TABLE "LicenseTransition" ADD COLUMN     "reasonCode" VARCHAR(32);
