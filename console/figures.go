package console

import "github.com/gofiber/fiber/v2"

// figuresRoutes mounts the manager's dashboard.
func (c *Console) figuresRoutes(r fiber.Router) {}
