print("cps-card-sim")
