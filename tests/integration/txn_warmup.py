#!/usr/bin/python3
"""Part of the broker fixture: the first transactional producer on a fresh
broker waits for __transaction_state to be created and loaded (several
seconds). Doing that once here keeps it out of the scenarios' timings."""
import os
import sys
import time

from confluent_kafka import Producer

state = sys.argv[1]
with open(os.path.join(state, "bootstrap")) as f:
    bootstrap = f.read().strip()
started = time.time()
p = Producer({"bootstrap.servers": bootstrap, "transactional.id": "newsflow-it-warmup"})
p.init_transactions(120)
p.begin_transaction()
p.abort_transaction(60)
print(f"transaction coordinator ready in {time.time() - started:.1f}s")
