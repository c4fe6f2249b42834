"""Demo data: realistic VNU-HCM units and one account per role (password demo12345).

Idempotent: running it again updates what exists and adds nothing twice. Each feature app
adds its own demo data through a `seed.py` module with a `seed(stdout)` function, found by
autodiscovery, so `portal` imports no feature app."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from portal.demo import seed_accounts, seed_units


class Command(BaseCommand):
    help = "Create or refresh the demo units, accounts and each app's demo data."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        units = seed_units()
        self.stdout.write(f"units: {len(units)}")
        accounts = seed_accounts(units)
        self.stdout.write(f"accounts: {', '.join(sorted(accounts))}")
        from portal import demo

        autodiscover_modules("seed")  # each app's seed.py registers itself in portal.demo
        for name, seeder in demo.app_seeders:
            seeder(stdout=self.stdout)
            self.stdout.write(f"{name}: done")
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Password for every account: demo12345")
        )
