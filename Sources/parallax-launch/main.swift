print("parallax-launch")
