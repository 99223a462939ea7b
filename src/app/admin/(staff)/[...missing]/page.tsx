/**
 * Any other address under /admin: the console's 404 (not-found.tsx, inside the staff frame) for
 * staff; the sign-in page (with this address as the deep link) for everyone else.
 */
import { notFound } from "next/navigation";
import { requireStaff } from "../require-staff";

export default async function MissingStaffPage() {
  await requireStaff();
  notFound();
}
