"use client";
/**
 * The signed-in staff member's role and console language for client components (action buttons
 * are disabled for viewers, with the reason). Set once by the staff layout. The server refuses a
 * viewer's mutation anyway (ownerProcedure); this only keeps the page honest about it.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "~/i18n/locales";
import type { StaffRole } from "~/server/auth/session-user";

const StaffRoleContext = createContext<{ role: StaffRole; locale: Locale }>({ role: "viewer", locale: "zh-CN" });

export function StaffRoleProvider({ role, locale, children }: { role: StaffRole; locale: Locale; children: ReactNode }) {
  return <StaffRoleContext.Provider value={{ role, locale }}>{children}</StaffRoleContext.Provider>;
}

export function useStaffRole() {
  return useContext(StaffRoleContext);
}
