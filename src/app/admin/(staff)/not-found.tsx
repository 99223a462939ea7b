/** 404 inside the staff console's frame (unknown address, instance or tenant), with the way back. */
import Link from "next/link";

export default function StaffNotFound() {
  return (
    <main className="py-10" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-slate-600">
        Nothing here: the address may be mistyped, or the instance or tenant it names does not exist (the marketplace may not have delivered it yet).
      </p>
      <p className="mt-6 flex gap-4 text-sm">
        <Link href="/admin" className="text-blue-700 underline" data-testid="not-found-back">
          Back to the overview
        </Link>
        <Link href="/admin/instances" className="text-blue-700 underline">
          Instances
        </Link>
        <Link href="/admin/tenants" className="text-blue-700 underline">
          Tenants
        </Link>
      </p>
    </main>
  );
}
