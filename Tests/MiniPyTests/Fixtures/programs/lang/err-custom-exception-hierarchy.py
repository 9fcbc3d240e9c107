class AppError(Exception):
    pass
class ConfigError(AppError):
    def __init__(self, key):
        super().__init__(f"missing key: {key}")
        self.key = key
def load(cfg):
    for k in ("lr", "epochs"):
        if k not in cfg:
            raise ConfigError(k)
    return cfg
for cfg in [{"lr": 1, "epochs": 2}, {"lr": 1}]:
    try:
        print(load(cfg))
    except AppError as e:
        print(type(e).__name__, e.key, e)
load({})
